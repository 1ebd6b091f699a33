using System.Collections.Frozen;
using EnterpriseHub.Server.Access;
using static EnterpriseHub.Server.Quotas.QuotaKind;

namespace EnterpriseHub.Server.Quotas;

/// <summary>
/// The kind of call of every RPC the hub serves, beside <see cref="AccessTable"/> and listing the
/// same methods: the hub does not start when the two tables disagree (<see cref="Problems"/>), so a
/// method added to the access table needs its kind here too.
/// </summary>
internal static class QuotaTable
{
    public static readonly FrozenDictionary<string, QuotaKind> Methods = new Dictionary<string, QuotaKind>
    {
        ["/enterprisehub.v1.EnterpriseDirectory/GetEnterprise"] = Read,
        ["/enterprisehub.v1.EnterpriseDirectory/BatchGetEnterprises"] = Read,
        ["/enterprisehub.v1.EnterpriseDirectory/SearchEnterprises"] = Read,
        ["/enterprisehub.v1.EnterpriseDirectory/GetFactHistory"] = Read,

        ["/enterprisehub.v1.FactExchange/PublishFacts"] = Publish,
        ["/enterprisehub.v1.FactExchange/PublishFactStream"] = Publish,
        ["/enterprisehub.v1.FactExchange/WatchFacts"] = Watch,
        // Creating a subscription stores it: a change. Reading one streams; acknowledging is part of the reading pace.
        ["/enterprisehub.v1.FactExchange/CreateSubscription"] = Change,
        ["/enterprisehub.v1.FactExchange/ReadSubscription"] = Watch,
        ["/enterprisehub.v1.FactExchange/AckSubscription"] = Read,
        ["/enterprisehub.v1.FactExchange/ListSubscriptions"] = Read,

        ["/enterprisehub.v1.Catalog/ListFactTypes"] = Read,
        ["/enterprisehub.v1.Catalog/ChangeFactType"] = Change,
        ["/enterprisehub.v1.Catalog/RequestGrant"] = Change,
        ["/enterprisehub.v1.Catalog/DecideGrant"] = Change,
        ["/enterprisehub.v1.Catalog/RevokeGrant"] = Change,
        ["/enterprisehub.v1.Catalog/ListGrantRequests"] = Read,
        ["/enterprisehub.v1.Catalog/ListReadableFactTypes"] = Read,

        ["/enterprisehub.v1.CreditMonitor/GetCreditProfile"] = Read,
        ["/enterprisehub.v1.CreditMonitor/ListRiskEnterprises"] = Read,
        ["/enterprisehub.v1.CreditMonitor/WatchRiskAlerts"] = Watch,
        ["/enterprisehub.v1.CreditMonitor/FileObjection"] = Change,
        ["/enterprisehub.v1.CreditMonitor/AnswerObjection"] = Change,

        ["/enterprisehub.v1.ProactiveService/PublishPolicy"] = Change,
        // A preview evaluates a condition over the whole zone, as costly as publishing the policy it tries.
        ["/enterprisehub.v1.ProactiveService/Preview"] = Change,
        ["/enterprisehub.v1.ProactiveService/ListPolicies"] = Read,
        ["/enterprisehub.v1.ProactiveService/ListNotices"] = Read,
        ["/enterprisehub.v1.ProactiveService/MarkRead"] = Read,
        ["/enterprisehub.v1.ProactiveService/GetNotice"] = Read,
        ["/enterprisehub.v1.ProactiveService/WatchNotices"] = Watch,

        ["/enterprisehub.v1.Audit/ListAccess"] = Read,
        // Recomputes the whole chain: rare and costly, so it shares the small bucket of changes.
        ["/enterprisehub.v1.Audit/VerifyChain"] = Change,
        // A proof is a few indexed lookups, like a read.
        ["/enterprisehub.v1.Audit/GetInclusionProof"] = Read,
        ["/enterprisehub.v1.Audit/GetConsistencyProof"] = Read,
        ["/enterprisehub.v1.Audit/GetCheckpoint"] = Read,

        ["/enterprisehub.v1.Forms/ListForms"] = Read,
        ["/enterprisehub.v1.Forms/Prefill"] = Read,
        ["/enterprisehub.v1.Forms/Submit"] = Change,
        ["/enterprisehub.v1.Forms/GetSubmission"] = Read,
        ["/enterprisehub.v1.Forms/ListSubmissions"] = Read,

        ["/grpc.health.v1.Health/Check"] = Probe,
        ["/grpc.health.v1.Health/Watch"] = Probe,
        ["/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"] = Probe,
        ["/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"] = Probe,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Methods the access table declares without a kind here, and kinds of methods it does not declare.</summary>
    public static IEnumerable<string> Problems() =>
        AccessTable.Methods.Keys.Where(m => !Methods.ContainsKey(m)).Order(StringComparer.Ordinal)
            .Select(m => $"{m} has no kind of call in the quota table.")
            .Concat(Methods.Keys.Where(m => !AccessTable.Methods.ContainsKey(m)).Order(StringComparer.Ordinal)
                .Select(m => $"{m} has a kind of call in the quota table but no line in the access table."));
}
