using System.Text;
using EnterpriseHub.Transparency.Notes;

namespace EnterpriseHub.Core.Tests.Audit.Notes;

public sealed class NoteTests
{
    // From golang.org/x/mod/sumdb/note (package documentation and note_test.go), BSD-3-Clause, The Go Authors.
    private const string GoSkey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string GoVkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string GoText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string GoNote = GoText + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    // From c2sp.org/signed-note, section "Verifier keys", example (CC BY 4.0, the C2SP authors).
    private const string SpecVkey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    private const string SpecNote = "This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    [Fact]
    public void Open_SpecExample_Verifies()
    {
        var verifier = Ed25519NoteVerifier.FromVerifierKey(SpecVkey);
        var (note, verified) = Note.Open(SpecNote, [verifier]);
        Assert.Equal("This is an example message.\n", note.Text);
        Assert.Equal([verifier], verified);
        Assert.Equal(SpecNote, note.Format());
    }

    [Fact]
    public void Sign_GoExampleKey_ReproducesTheGoNoteByteForByte()
    {
        var signer = Ed25519NoteSigner.FromKeyText(GoSkey);
        Assert.Equal(0xc74f20a3u, signer.KeyId);
        Assert.Equal(GoVkey, signer.VerifierKey);
        Assert.Equal(GoSkey, signer.ToKeyText());
        Assert.Equal(GoNote, Note.Sign(GoText, signer).Format());
        Assert.Single(Note.Open(GoNote, [Ed25519NoteVerifier.FromVerifierKey(GoVkey)]).Verified);
    }

    [Fact]
    public void Sign_NewKeyWithBlankLinesInText_RoundTrips()
    {
        var signer = new Ed25519NoteSigner("hub.example/audit", Ed25519Key.Generate());
        var text = "first\n\nthird after a blank line\n";
        var formatted = Note.Sign(text, signer).Format();
        var (note, _) = Note.Open(formatted, [Ed25519NoteVerifier.FromVerifierKey(signer.VerifierKey)]);
        Assert.Equal(text, note.Text);
        Assert.Equal(formatted, note.Format());
        Assert.Equal(formatted, Note.Parse(Encoding.UTF8.GetBytes(formatted)).Format());
    }

    [Fact]
    public void Ed25519Key_Rfc8032Test1_Matches()
    {
        // RFC 8032, section 7.1, TEST 1 (the empty message).
        var key = Ed25519Key.FromSeed(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        Assert.Equal("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", Convert.ToHexStringLower(key.PublicKey));
        Assert.Equal(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            Convert.ToHexStringLower(key.Sign([])));
    }

    [Fact]
    public void Ed25519Key_SeedRoundTrip_SignsTheSame()
    {
        var key = Ed25519Key.Generate();
        var again = Ed25519Key.FromSeed(key.ExportSeed());
        Assert.Equal(key.PublicKey, again.PublicKey);
        Assert.Equal(key.Sign("m"u8), again.Sign("m"u8));
        Assert.True(Ed25519Key.Verify(key.PublicKey, "m"u8, key.Sign("m"u8)));
        Assert.False(Ed25519Key.Verify(key.PublicKey, "n"u8, key.Sign("m"u8)));
        Assert.Throws<ArgumentException>(() => Ed25519Key.FromSeed(new byte[31]));
    }

    [Fact]
    public void Open_UnknownSignaturesBesideAKnownOne_AreIgnored()
    {
        var other = new Ed25519NoteSigner("PeterNeumann", Ed25519Key.Generate()); // same name, other key ID
        var note = Note.Parse(GoNote).AddSignatures(other, new Ed25519NoteSigner("someone.else", Ed25519Key.Generate())).Format();
        var (_, verified) = Note.Open(note, [Ed25519NoteVerifier.FromVerifierKey(GoVkey)]);
        Assert.Single(verified);
    }

    [Fact]
    public void Open_NoKnownSignature_Refused()
    {
        var stranger = Ed25519NoteVerifier.FromVerifierKey(new Ed25519NoteSigner("PeterNeumann", Ed25519Key.Generate()).VerifierKey);
        var error = Assert.Throws<NoteSignatureException>(() => Note.Open(GoNote, [stranger]));
        Assert.Equal("the note has no valid signature by a known key", error.Message);
    }

    [Fact]
    public void Open_KnownSignatureOverEditedText_Refused()
    {
        var edited = GoNote.Replace("cryptography", "Cryptography", StringComparison.Ordinal);
        var error = Assert.Throws<NoteSignatureException>(() => Note.Open(edited, [Ed25519NoteVerifier.FromVerifierKey(GoVkey)]));
        Assert.Equal("the signature by PeterNeumann+c74f20a3 does not verify", error.Message);
    }

    [Theory]
    [InlineData("text\n", "the note has no blank line before its signatures")]
    [InlineData("text\n\n", "the note has no signature lines")]
    [InlineData("text\n\n\u2014 a AAAAAAA=", "the note does not end in a newline")]
    [InlineData("te\txt\n\n\u2014 a AAAAAAA=\n", "the note holds a control character other than newline")]
    [InlineData("text\n\n\u2014 a AAAAAAA=\r\n", "a signature line holds a control character")]
    [InlineData("text\n\n- a AAAAAAA=\n", "a signature line is not \"\u2014 name signature\"")]
    [InlineData("text\n\n\u2014 a  AAAAAAA=\n", "a signature line is not \"\u2014 name signature\"")]
    [InlineData("text\n\n\u2014 a+b AAAAAAA=\n", "a signature's key name is empty or holds a space or plus sign")]
    [InlineData("text\n\n\u2014 a AAAAAAA\n", "a signature is not canonical base64")]
    [InlineData("text\n\n\u2014 a AAAAAA==\n", "a signature is shorter than its key ID and one byte")]
    public void Parse_Malformed_RefusedWithReason(string note, string message)
    {
        var error = Assert.Throws<NoteFormatException>(() => Note.Parse(note));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_InvalidUtf8_Refused()
    {
        byte[] bytes = [.. "text"u8, 0xff, .. "\n\n\u2014 a AAAAAAA=\n"u8];
        Assert.Equal("the note is not valid UTF-8", Assert.Throws<NoteFormatException>(() => Note.Parse(bytes)).Message);
    }

    [Fact]
    public void Parse_TooLargeOrTooManySignatures_Refused()
    {
        var big = new string('a', Note.MaxSize) + "\n\n\u2014 a AAAAAAA=\n";
        Assert.Equal($"the note is larger than {Note.MaxSize} bytes", Assert.Throws<NoteFormatException>(() => Note.Parse(big)).Message);
        var many = "text\n\n" + string.Concat(Enumerable.Repeat("\u2014 a AAAAAAA=\n", Note.MaxSignatures + 1));
        Assert.Equal($"the note has more than {Note.MaxSignatures} signatures", Assert.Throws<NoteFormatException>(() => Note.Parse(many)).Message);
    }

    [Theory]
    [InlineData("PeterNeumann+c74f20a3", "verifier key is not name+keyid+key")]
    [InlineData("+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "verifier key name must be non-empty, without spaces or plus signs")]
    [InlineData("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "verifier key name must be non-empty, without spaces or plus signs")]
    [InlineData("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "verifier key key ID is not eight lowercase hex digits")]
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "verifier key ID does not match its name and public key")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T", "verifier key is not canonical base64")]
    [InlineData("PeterNeumann+c74f20a3+BBpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "verifier key is not of signature type 0x01")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy", "verifier key holds 29 key bytes; Ed25519 needs 32")]
    public void FromVerifierKey_Malformed_RefusedWithReason(string vkey, string message)
    {
        var error = Assert.Throws<NoteFormatException>(() => Ed25519NoteVerifier.FromVerifierKey(vkey));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", "signer key does not start with PRIVATE+KEY+")]
    [InlineData("PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", "signer key ID does not match its name and public key")]
    [InlineData("PRIVATE+KEY+PeterNeumann+c74f20a3+BIEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", "signer key is not of signature type 0x01")]
    public void FromKeyText_Malformed_RefusedWithReason(string skey, string message)
    {
        var error = Assert.Throws<NoteFormatException>(() => Ed25519NoteSigner.FromKeyText(skey));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Sign_TextWithoutFinalNewline_Refused() =>
        Assert.Equal("the note text does not end in a newline",
            Assert.Throws<NoteFormatException>(() => Note.Sign("no newline", Ed25519NoteSigner.FromKeyText(GoSkey))).Message);

    [Fact]
    public void Sign_LoneSurrogate_Refused() =>
        Assert.Equal("the note text is not valid Unicode",
            Assert.Throws<NoteFormatException>(() => Note.Sign("\ud800\n", Ed25519NoteSigner.FromKeyText(GoSkey))).Message);

    [Fact]
    public void FormatVerifierKey_BadName_Refused() =>
        Assert.Equal("a key name must be non-empty, without spaces or plus signs",
            Assert.Throws<NoteFormatException>(() => NoteKeyText.FormatVerifierKey("a b", SignatureType.Ed25519, new byte[32])).Message);

    [Fact]
    public void Signer_BadName_Refused() =>
        Assert.Throws<NoteFormatException>(() => new Ed25519NoteSigner("a+b", Ed25519Key.Generate()));
}
