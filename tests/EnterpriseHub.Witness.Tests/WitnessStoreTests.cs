using EnterpriseHub.Transparency;
using EnterpriseHub.Transparency.Notes;

namespace EnterpriseHub.Witness.Tests;

public sealed class WitnessStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("witness-store-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TryAdvance_TwoRequestsFromTheSameState_OnlyTheFirstWins()
    {
        var store = new WitnessStore(Path.Combine(_directory, "w.db"));
        Assert.Equal(WitnessedState.Empty, store.Get("o"));
        var eight = new WitnessedState(8, MerkleHash.Leaf("8"u8));
        Assert.True(store.TryAdvance("o", WitnessedState.Empty, eight));
        Assert.False(store.TryAdvance("o", WitnessedState.Empty, new(5, MerkleHash.Leaf("5"u8))));
        Assert.False(store.TryAdvance("o", eight with { Root = MerkleHash.Leaf("x"u8) }, new(9, MerkleHash.Leaf("9"u8))));
        var kept = new WitnessStore(Path.Combine(_directory, "w.db")).Get("o");
        Assert.Equal(8, kept.Size);
        Assert.Equal(eight.Root, kept.Root);
    }

    [Fact]
    public void Validate_BadSection_ReportsEveryProblem()
    {
        var otherLog = new Ed25519NoteSigner("b.example/log", Ed25519Key.Generate()).VerifierKey;
        var result = new WitnessOptionsValidator().Validate(null, new WitnessOptions
        {
            KeyFile = Path.Combine(_directory, "missing.key"),
            Logs =
            [
                new() { Origin = "a.example/log", VerifierKey = otherLog },
                new() { Origin = "b.example/log", VerifierKey = "not a vkey" },
                new() { Origin = "b.example/log", VerifierKey = otherLog },
            ],
        });
        Assert.Equal(
            [
                $"Witness:KeyFile '{Path.Combine(_directory, "missing.key")}' does not exist",
                "Witness:Database is required",
                "Witness:Logs:0: the origin 'a.example/log' is not under the vkey's name",
                "Witness:Logs:1: verifier key is not name+keyid+key",
                "Witness:Logs lists an origin twice",
            ],
            result.Failures);
        Assert.Contains("Witness:Logs lists no log to witness", new WitnessOptionsValidator().Validate(null, new WitnessOptions()).Failures!);
    }
}
