using EnterpriseHub.Transparency;
using EnterpriseHub.Transparency.Notes;
using Microsoft.Extensions.Time.Testing;

namespace EnterpriseHub.Core.Tests.Audit.Notes;

public sealed class CheckpointTests
{
    private static readonly byte[] Root = Convert.FromBase64String("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
    private readonly Ed25519NoteSigner _log = new("hub.example/audit", Ed25519Key.Generate());
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1679315147));

    private INoteVerifier LogVerifier => Ed25519NoteVerifier.FromVerifierKey(_log.VerifierKey);

    [Fact]
    public void Format_SpecExample_RoundTrips()
    {
        const string text = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
        var checkpoint = Checkpoint.Parse(text);
        Assert.Equal(("example.com/behind-the-sofa", 20852163L), (checkpoint.Origin, checkpoint.Size));
        Assert.Equal(Root, checkpoint.RootHash);
        Assert.Empty(checkpoint.Extensions);
        Assert.Equal(text, checkpoint.Format());
        var withExtension = text + "ext one\n";
        Assert.Equal(["ext one"], Checkpoint.Parse(withExtension).Extensions);
        Assert.Equal(withExtension, Checkpoint.Parse(withExtension).Format());
        Assert.Equal(0, Checkpoint.Parse("o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n").Size);
    }

    [Theory]
    [InlineData("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=", "the checkpoint does not end in a newline")]
    [InlineData("o\n1\n", "a checkpoint has at least an origin, a size and a root hash line")]
    [InlineData("\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "the checkpoint's origin is empty or has leading or trailing spaces")]
    [InlineData("o \n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "the checkpoint's origin is empty or has leading or trailing spaces")]
    [InlineData("o\n01\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "the checkpoint's tree size is not a decimal number without leading zeroes")]
    [InlineData("o\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "the checkpoint's tree size is not a decimal number without leading zeroes")]
    [InlineData("o\n1 \nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "the checkpoint's tree size is not a decimal number without leading zeroes")]
    [InlineData("o\n99999999999999999999\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "the checkpoint's tree size is not a decimal number without leading zeroes")]
    [InlineData("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I= \n", "the checkpoint's root hash is not canonical base64")]
    [InlineData("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n", "the checkpoint's root hash is 31 bytes, not 32")]
    [InlineData("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n", "a checkpoint extension line is empty")]
    [InlineData("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\next \n", "a checkpoint line holds a control character or trailing space")]
    public void Parse_Malformed_RefusedWithReason(string text, string message) =>
        Assert.Equal(message, Assert.Throws<NoteFormatException>(() => Checkpoint.Parse(text)).Message);

    [Fact]
    public void Open_SignedByTheLog_GivesTheCheckpoint()
    {
        var checkpoint = new Checkpoint(_log.Name, 7, Root);
        var note = checkpoint.Sign(_log).Format();
        var (opened, _, _) = Checkpoint.Open(note, LogVerifier);
        Assert.Equal(checkpoint.Format(), opened.Format());
    }

    [Fact]
    public void Open_OnlyWitnessSigned_Refused()
    {
        var witness = new CosignatureSigner("w.example/1", Ed25519Key.Generate(), _time);
        var note = Note.Sign(new Checkpoint(_log.Name, 7, Root).Format(), witness).Format();
        var policy = new WitnessPolicy([CosignatureVerifier.FromVerifierKey(witness.VerifierKey)], 1);
        var error = Assert.Throws<NoteSignatureException>(() => Checkpoint.Open(note, LogVerifier, policy));
        Assert.Equal("the checkpoint is not signed by the log key hub.example/audit", error.Message);
    }

    [Theory]
    [InlineData("other.example/log")]
    [InlineData("hub.example/audits")]
    [InlineData("hub.example/audit/")]
    [InlineData("hub.example")]
    public void Open_OriginIsNotUnderTheLogKeyName_Refused(string origin)
    {
        var note = new Checkpoint(origin, 7, Root).Sign(_log).Format();
        var error = Assert.Throws<NoteSignatureException>(() => Checkpoint.Open(note, LogVerifier));
        Assert.Equal($"the checkpoint's origin {origin} is not under the log key's name hub.example/audit", error.Message);
    }

    [Theory]
    [InlineData("hub.example/audit")]
    [InlineData("hub.example/audit/6f1c2a9e40b7d358")]
    public void Open_OriginIsTheLogKeyNameOrUnderIt_Opens(string origin)
    {
        var note = new Checkpoint(origin, 7, Root).Sign(_log).Format();
        Assert.Equal(origin, Checkpoint.Open(note, LogVerifier).Checkpoint.Origin);
    }

    [Fact]
    public void Cosignature_Signed_HasTimestampAndTypeFourKeyIdAndVerifies()
    {
        var key = Ed25519Key.Generate();
        var witness = new CosignatureSigner("w.example/1", key, _time);
        Assert.Equal(NoteText.KeyId("w.example/1", 0x04, key.PublicKey), witness.KeyId);
        Assert.NotEqual(new Ed25519NoteSigner("w.example/1", key).KeyId, witness.KeyId);
        var text = new Checkpoint(_log.Name, 7, Root).Format();
        var signature = witness.Sign(System.Text.Encoding.UTF8.GetBytes(text));
        Assert.Equal(1679315147ul, Cosignature.Timestamp(signature));
        Assert.True(Ed25519Key.Verify(key.PublicKey, Cosignature.Message(1679315147, System.Text.Encoding.UTF8.GetBytes(text)), signature[8..]));
        Assert.StartsWith("cosignature/v1\ntime 1679315147\nhub.example/audit\n7\n", System.Text.Encoding.UTF8.GetString(Cosignature.Message(1679315147, System.Text.Encoding.UTF8.GetBytes(text))));

        var verifier = CosignatureVerifier.FromVerifierKey(witness.VerifierKey);
        Assert.True(verifier.Verify(System.Text.Encoding.UTF8.GetBytes(text), signature));
        signature[7] ^= 1; // another time than the one signed
        Assert.False(verifier.Verify(System.Text.Encoding.UTF8.GetBytes(text), signature));
        Assert.False(verifier.Verify(System.Text.Encoding.UTF8.GetBytes(text), signature[..^1]));
        Assert.Equal(witness.ToKeyText(), CosignatureSigner.FromKeyText(witness.ToKeyText(), _time).ToKeyText());
    }

    [Fact]
    public void Cosignature_TimestampAbove63Bits_Refused()
    {
        var signature = new byte[Cosignature.Size];
        signature[0] = 0x80;
        Assert.Null(Cosignature.Timestamp(signature));
    }

    [Fact]
    public void CosignatureVerifier_Ed25519Vkey_Refused()
    {
        var error = Assert.Throws<NoteFormatException>(() => CosignatureVerifier.FromVerifierKey(_log.VerifierKey));
        Assert.Equal("verifier key is not of signature type 0x04", error.Message);
    }

    [Fact]
    public void WitnessPolicy_TwoOfThree_AcceptsTwoRefusesOne()
    {
        var witnesses = Enumerable.Range(1, 3).Select(i => new CosignatureSigner($"w.example/{i}", Ed25519Key.Generate(), _time)).ToList();
        var policy = new WitnessPolicy([.. witnesses.Select(w => CosignatureVerifier.FromVerifierKey(w.VerifierKey))], 2);
        var signed = new Checkpoint(_log.Name, 7, Root).Sign(_log);

        Checkpoint.Open(signed.AddSignatures(witnesses[0], witnesses[2]).Format(), LogVerifier, policy);
        var error = Assert.Throws<NoteSignatureException>(() => Checkpoint.Open(signed.AddSignatures(witnesses[1]).Format(), LogVerifier, policy));
        Assert.Equal("1 of the 3 known witnesses cosigned; 2 are required", error.Message);
    }

    [Fact]
    public void WitnessPolicy_BadConstruction_Refused()
    {
        var w = CosignatureVerifier.FromVerifierKey(new CosignatureSigner("w.example/1", Ed25519Key.Generate(), _time).VerifierKey);
        Assert.Throws<ArgumentException>(() => new WitnessPolicy([w, w], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WitnessPolicy([w], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WitnessPolicy([w], 2));
    }

    [Fact]
    public void Format_BadRecord_Refused()
    {
        Assert.Throws<NoteFormatException>(() => new Checkpoint("o", -1, Root).Format());
        Assert.Throws<NoteFormatException>(() => new Checkpoint("o", 1, new byte[MerkleHash.Size - 1]).Format());
        Assert.Throws<NoteFormatException>(() => new Checkpoint("o", 1, Root, ["a\nb"]).Format());
    }
}
