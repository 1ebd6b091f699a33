using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Audit.Merkle;
using EnterpriseHub.Transparency;
using EnterpriseHub.Transparency.Notes;
using Microsoft.Extensions.Time.Testing;

namespace EnterpriseHub.Cli.Tests.Audit;

/// <summary>
/// A real audit log in miniature, for checking proof files without a hub: leaves made as the hub
/// makes them (salt, then the canonical encoding of an <see cref="AuditEntry"/>), the tree and
/// proofs from the Core's <see cref="MerkleProofs"/>, a checkpoint signed with a generated log key
/// and cosigned by generated witness keys, and their vkey files in a folder of the test's own.
/// </summary>
internal sealed class ProofWorkspace
{
    public const string KeyName = "enterprisehub.test/audit";
    public const string Origin = KeyName + "/0123456789abcdef";
    public const string Enterprise = "91440115MA5HUB013L";

    private static readonly DateTimeOffset Start = new(2026, 11, 20, 8, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _witnessClock = new(Start.AddHours(1));

    public ProofWorkspace(int records = 7)
    {
        Leaves = [.. Enumerable.Range(1, records).Select(sequence => AuditLeaf.Bytes(AuditLeaf.NewSalt(), sequence, Entry(sequence)))];
        Witnesses = [new("witness.a.example/w1", Ed25519Key.Generate(), _witnessClock), new("witness.b.example/w2", Ed25519Key.Generate(), _witnessClock)];
        LogVkey = Write("log.vkey", Log.VerifierKey);
        WitnessVkeys = [.. Witnesses.Select((w, i) => Write($"witness-{i}.vkey", w.VerifierKey))];
    }

    public string Folder { get; } = TestFolders.Create("proofs-");

    public Ed25519NoteSigner Log { get; } = new(KeyName, Ed25519Key.Generate());

    public IReadOnlyList<CosignatureSigner> Witnesses { get; }

    /// <summary>The leaves, leaf i being record i + 1.</summary>
    public List<byte[]> Leaves { get; }

    public string LogVkey { get; }

    public IReadOnlyList<string> WitnessVkeys { get; }

    /// <summary>The entry recorded at <paramref name="sequence"/>: a tax read of one enterprise.</summary>
    public static AuditEntry Entry(long sequence) =>
        new(Start.AddMinutes(sequence), "tax", "tax-0042", "read", [Enterprise], ["tax.credit_grade", "tax.registration"], "case 2026-17", $"req-{sequence}", "ok")
        {
            CorrelationId = sequence % 2 == 0 ? $"corr-{sequence}" : string.Empty,
        };

    /// <summary>A vkey (or any text) as a file of the workspace.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text + "\n");
        return path;
    }

    /// <summary>The checkpoint of every leaf, signed by <paramref name="log"/> (the log key by default) and cosigned by <paramref name="cosigners"/>.</summary>
    public string Note(IEnumerable<INoteSigner> cosigners, string origin = Origin, INoteSigner? log = null) =>
        new Checkpoint(origin, Leaves.Count, Tree.Root(Leaves.Count)).Sign(log ?? Log).AddSignatures([.. cosigners]).Format();

    /// <summary>The proof file of record <paramref name="sequence"/> against <paramref name="note"/> (cosigned by both witnesses when absent).</summary>
    public TlogProof Proof(long sequence, string? note = null) =>
        new(sequence - 1, Leaves[(int)sequence - 1], Tree.Inclusion(sequence - 1, Leaves.Count), note ?? Note(Witnesses));

    /// <summary>Writes <paramref name="proof"/> as a file of the workspace.</summary>
    public string Save(TlogProof proof) => Save(proof.Format());

    public string Save(string text)
    {
        var path = Path.Combine(Folder, $"{Guid.NewGuid():N}.tlog-proof");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The check command line of <paramref name="file"/> with the log key and both witnesses.</summary>
    public string[] Check(string file, params string[] more) =>
        ["audit", "check", file, "--log-key", LogVkey, .. WitnessVkeys.SelectMany(w => new[] { "--witness", w }), .. more];

    private MerkleProofs Tree
    {
        get
        {
            var hashes = Leaves.Select(leaf => MerkleHash.Leaf(leaf)).ToArray();
            return new MerkleProofs((level, index) => Perfect(hashes, level, index));
        }
    }

    private static byte[] Perfect(byte[][] hashes, int level, long index) =>
        level == 0 ? hashes[index] : MerkleHash.Node(Perfect(hashes, level - 1, 2 * index), Perfect(hashes, level - 1, (2 * index) + 1));
}
