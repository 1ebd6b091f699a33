using EnterpriseHub.Client;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Audit.Merkle;
using EnterpriseHub.Transparency;

namespace EnterpriseHub.Cli.Tests.Audit;

/// <summary>The SDK's decoder of a whole leaf, against leaves the Core encodes as the hub does.</summary>
public sealed class AuditLeafRecordTests
{
    [Theory]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    public void Decode_CoreLeaf_EveryFieldBackAndTheVersionOfItsCorrelation(long sequence, int version)
    {
        var salt = AuditLeaf.NewSalt();
        var entry = ProofWorkspace.Entry(sequence) with { Detail = "grant:17" };

        var record = AuditLeafRecord.Decode(AuditLeaf.Bytes(salt, sequence, entry));

        Assert.Equal(salt, record.Salt);
        Assert.Equal(version, record.Version);
        Assert.Equal(sequence, record.Sequence);
        Assert.Equal(entry.Time, record.Time);
        Assert.Equal((entry.Caller, entry.OfficerId, entry.Action), (record.Caller, record.OfficerId, record.Action));
        Assert.Equal(entry.Usccs, record.Enterprises);
        Assert.Equal(entry.FactTypes, record.FactTypes);
        Assert.Equal((entry.Purpose, entry.RequestId, entry.Outcome, entry.Detail), (record.Purpose, record.RequestId, record.Outcome, record.Detail));
        Assert.Equal(entry.CorrelationId, record.CorrelationId);
    }

    [Fact]
    public void Decode_Malformed_Refused()
    {
        var leaf = AuditLeaf.Bytes(AuditLeaf.NewSalt(), 3, ProofWorkspace.Entry(3));

        Assert.Contains("not a 32-byte salt", Assert.Throws<MerkleProofException>(() => AuditLeafRecord.Decode(leaf.AsSpan(0, 32))).Message, StringComparison.Ordinal);
        Assert.Contains("bytes after its encoding", Assert.Throws<MerkleProofException>(() => AuditLeafRecord.Decode([.. leaf, 0])).Message, StringComparison.Ordinal);
        Assert.Contains("ends early", Assert.Throws<MerkleProofException>(() => AuditLeafRecord.Decode(leaf.AsSpan(0, leaf.Length - 1))).Message, StringComparison.Ordinal);
        var version = leaf.ToArray();
        version[32] = 3;
        Assert.Contains("version 3 is unknown", Assert.Throws<MerkleProofException>(() => AuditLeafRecord.Decode(version)).Message, StringComparison.Ordinal);
        var time = leaf.ToArray();
        time[32 + 1 + 8] = 0xff;
        Assert.Contains("outside the calendar", Assert.Throws<MerkleProofException>(() => AuditLeafRecord.Decode(time)).Message, StringComparison.Ordinal);
        var length = leaf.ToArray();
        length[32 + 1 + 8 + 8] = 0x7f;
        Assert.Contains("impossible length", Assert.Throws<MerkleProofException>(() => AuditLeafRecord.Decode(length)).Message, StringComparison.Ordinal);
    }
}
