namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// The advisory lock keys every replica shares. Whoever takes both takes the fact log's first
/// and the audit chain's second, so two writers can never wait on each other in a cycle.
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
}
