using System.Collections.Frozen;
using EnterpriseHub.V1;
using static EnterpriseHub.Core.Access.CallerKinds;
using static EnterpriseHub.Server.Access.MethodAccess;

namespace EnterpriseHub.Server.Access;

/// <summary>
/// Who may call what: every RPC the hub serves, with the kinds of caller it admits and what a
/// portal may name in it. Enforced by <see cref="AccessInterceptor"/> before any handler runs; a
/// method missing here refuses everyone. ARCHITECTURE.md explains the kinds of caller.
/// </summary>
internal static class AccessTable
{
    public static readonly FrozenDictionary<string, MethodAccess> Methods = new Dictionary<string, MethodAccess>
    {
        // Reads of enterprises: departments under sharing classes and grants; the portal its own enterprise.
        [Name(EnterpriseDirectory.Descriptor, "GetEnterprise")] = For<GetEnterpriseRequest>(Department | Portal, r => new(r.ActingFor, [r.Uscc], r.OfficerId)),
        [Name(EnterpriseDirectory.Descriptor, "BatchGetEnterprises")] = For<BatchGetEnterprisesRequest>(Department | Portal, r => new(r.ActingFor, r.Usccs, r.OfficerId)),
        [Name(EnterpriseDirectory.Descriptor, "SearchEnterprises")] = For(Department),
        [Name(EnterpriseDirectory.Descriptor, "GetFactHistory")] = For<GetFactHistoryRequest>(Department | Portal, r => new(r.ActingFor, [r.Uscc], r.OfficerId)),

        // The fact log: owners publish their own types; departments watch and subscribe; the portal watches its enterprise.
        [Name(FactExchange.Descriptor, "PublishFacts")] = Owned<PublishFactsRequest>(Owner, r => r.Facts.Select(f => f.FactType)),
        [Name(FactExchange.Descriptor, "PublishFactStream")] = Owned<PublishFactStreamRequest>(Owner, r => r.Facts.Select(f => f.FactType)),
        [Name(FactExchange.Descriptor, "WatchFacts")] = For<WatchFactsRequest>(Department | Portal, r => new(r.ActingFor, r.Usccs, r.OfficerId)),
        [Name(FactExchange.Descriptor, "CreateSubscription")] = For(Department),
        [Name(FactExchange.Descriptor, "ReadSubscription")] = For(Department),
        [Name(FactExchange.Descriptor, "AckSubscription")] = For(Department),
        [Name(FactExchange.Descriptor, "ListSubscriptions")] = For(Department),

        // The catalog: open to read; owners (and admins) define and evolve types; departments ask for and answer grants.
        [Name(V1.Catalog.Descriptor, "ListFactTypes")] = For(Anyone),
        [Name(V1.Catalog.Descriptor, "ChangeFactType")] = Owned<ChangeFactTypeRequest>(Owner | Admin, r => r.FactType is null ? [] : [r.FactType.Name]),
        [Name(V1.Catalog.Descriptor, "RequestGrant")] = For(Department),
        [Name(V1.Catalog.Descriptor, "DecideGrant")] = For(Department),
        [Name(V1.Catalog.Descriptor, "RevokeGrant")] = For(Department),
        [Name(V1.Catalog.Descriptor, "ListGrantRequests")] = For(Department),
        [Name(V1.Catalog.Descriptor, "ListReadableFactTypes")] = For(Department),

        // Credit: supervision readers; the portal reads and objects for its own enterprise; the fact's owner answers.
        [Name(CreditMonitor.Descriptor, "GetCreditProfile")] = For<GetCreditProfileRequest>(SupervisionReader | Portal, r => new(r.ActingFor, [r.Uscc], r.OfficerId)),
        [Name(CreditMonitor.Descriptor, "ListRiskEnterprises")] = For(SupervisionReader),
        [Name(CreditMonitor.Descriptor, "WatchRiskAlerts")] = For(SupervisionReader),
        [Name(CreditMonitor.Descriptor, "FileObjection")] = For<FileObjectionRequest>(Portal, r => new(r.ActingFor, [], r.OfficerId)),
        [Name(CreditMonitor.Descriptor, "AnswerObjection")] = For(Department),

        // Proactive services: departments publish and try policies; the portal reads its inbox; channels stream deliveries.
        [Name(ProactiveService.Descriptor, "PublishPolicy")] = For(Department),
        [Name(ProactiveService.Descriptor, "Preview")] = For(Department),
        [Name(ProactiveService.Descriptor, "ListPolicies")] = For(Department),
        [Name(ProactiveService.Descriptor, "ListNotices")] = For<ListNoticesRequest>(Portal, r => new(r.ActingFor, [r.Uscc], r.OfficerId)),
        [Name(ProactiveService.Descriptor, "MarkRead")] = For<MarkReadRequest>(Portal, r => new(r.ActingFor, [r.Uscc], r.OfficerId)),
        [Name(ProactiveService.Descriptor, "GetNotice")] = For<GetNoticeRequest>(Portal, r => new(r.ActingFor, [r.Uscc], r.OfficerId)),
        [Name(ProactiveService.Descriptor, "WatchNotices")] = For(DeliveryChannel),

        // Audit: an enterprise's access log for itself and for admins; anyone may recompute the chain.
        [Name(V1.Audit.Descriptor, "ListAccess")] = For<ListAccessRequest>(Portal | Admin, r => new(r.ActingFor, [r.Uscc], r.OfficerId)),
        [Name(V1.Audit.Descriptor, "VerifyChain")] = For(Anyone),
        // A record's proof: which records a caller may prove is decided with the record (AuditProofs).
        [Name(V1.Audit.Descriptor, "GetInclusionProof")] = For<GetInclusionProofRequest>(Department | Portal | Admin, r => new(r.ActingFor, [], r.OfficerId)),
        [Name(V1.Audit.Descriptor, "GetConsistencyProof")] = For(Anyone),
        [Name(V1.Audit.Descriptor, "GetCheckpoint")] = For(Anyone),

        // Forms: templates are public; prefill for departments and the enterprise; only the enterprise submits; its submissions for it and admins.
        [Name(V1.Forms.Descriptor, "ListForms")] = For(Anyone),
        [Name(V1.Forms.Descriptor, "Prefill")] = For<PrefillRequest>(Department | Portal, r => new(r.ActingFor, [r.Uscc], r.OfficerId)),
        [Name(V1.Forms.Descriptor, "Submit")] = For<SubmitRequest>(Portal, r => new(r.ActingFor, [r.Uscc], r.OfficerId)),
        [Name(V1.Forms.Descriptor, "GetSubmission")] = For<GetSubmissionRequest>(Portal, r => new(r.ActingFor, [r.Uscc], r.OfficerId)),
        [Name(V1.Forms.Descriptor, "ListSubmissions")] = For<ListSubmissionsRequest>(Portal | Admin, r => new(r.ActingFor, [r.Uscc], r.OfficerId)),

        // Operations: health and server reflection for every known caller.
        ["/grpc.health.v1.Health/Check"] = For(Anyone),
        ["/grpc.health.v1.Health/Watch"] = For(Anyone),
        ["/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"] = For(Anyone),
        ["/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"] = For(Anyone),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The path a call arrives on (<c>ServerCallContext.Method</c>); fails at start for a misspelt method.</summary>
    private static string Name(Google.Protobuf.Reflection.ServiceDescriptor service, string method) =>
        service.FindMethodByName(method) is { } found
            ? $"/{service.FullName}/{found.Name}"
            : throw new InvalidOperationException($"{service.FullName} has no method {method}");
}
