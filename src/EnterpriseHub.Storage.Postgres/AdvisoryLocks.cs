using EnterpriseHub.Storage.Common;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// The advisory lock keys every replica shares. The audit chain's is taken last by whoever takes
/// it with another (the fact log's or the policies'), so two writers can never wait on each other in a cycle.
/// </summary>
internal static class AdvisoryLocks
{
    /// <summary>Held (per session) while the schema is migrated, so replicas starting together migrate once.</summary>
    public const long Schema = 0x4855_4200_0000_0001;

    /// <summary>Held (per transaction) while a batch takes its sequences and commits, so commit order is sequence order.</summary>
    public const long FactLog = 0x4855_4200_0000_0002;

    /// <summary>Held (per transaction) while an audit record links to the last one, so every replica extends one chain.</summary>
    public const long AuditChain = 0x4855_4200_0000_0003;

    /// <summary>Held (per session, on a connection of its own) by the one replica that evaluates credit.</summary>
    public const long CreditLeader = 0x4855_4200_0000_0004;

    /// <summary>Held (per transaction) while a policy takes its sequence and commits, so policy sequences follow commit order.</summary>
    public const long Policies = 0x4855_4200_0000_0005;

    /// <summary>Held (per session, on a connection of its own) by the one replica that matches policies and facts to enterprises.</summary>
    public const long NoticeMatcher = 0x4855_4200_0000_0006;

    /// <summary>Held (per session, on a connection of its own) by the one replica that signs the audit log's checkpoints.</summary>
    public const long CheckpointSigner = 0x4855_4200_0000_0007;

    public static long Of(LeaderRole role) => role switch
    {
        LeaderRole.CreditEvaluator => CreditLeader,
        LeaderRole.NoticeMatcher => NoticeMatcher,
        _ => CheckpointSigner,
    };

    public static long Of(WriteLock writeLock) => writeLock switch
    {
        WriteLock.FactLog => FactLog,
        WriteLock.AuditChain => AuditChain,
        _ => Policies,
    };
}
