using EnterpriseHub.Server.Tests.Access;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests.Quotas;

/// <summary>
/// The kind of call of every method the hub serves, checked against its server reflection: a
/// method served without a line in <see cref="Kinds"/> fails, and each method is shown to draw on
/// the bucket of its kind by calling it as admin, whose buckets hold one token each and refill
/// once in 1,000 s.
/// </summary>
public sealed class QuotaTableTests(QuotaFixture hub) : IClassFixture<QuotaFixture>
{
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["enterprisehub.v1.Audit/GetConsistencyProof"] = "read",
        ["enterprisehub.v1.Audit/GetCheckpoint"] = "read",
        ["enterprisehub.v1.Audit/GetInclusionProof"] = "read",
        ["enterprisehub.v1.Audit/ListAccess"] = "read",
        ["enterprisehub.v1.Audit/VerifyChain"] = "change",
        ["enterprisehub.v1.Catalog/ChangeFactType"] = "change",
        ["enterprisehub.v1.Catalog/DecideGrant"] = "change",
        ["enterprisehub.v1.Catalog/ListFactTypes"] = "read",
        ["enterprisehub.v1.Catalog/ListGrantRequests"] = "read",
        ["enterprisehub.v1.Catalog/ListReadableFactTypes"] = "read",
        ["enterprisehub.v1.Catalog/RequestGrant"] = "change",
        ["enterprisehub.v1.Catalog/RevokeGrant"] = "change",
        ["enterprisehub.v1.CreditMonitor/AnswerObjection"] = "change",
        ["enterprisehub.v1.CreditMonitor/FileObjection"] = "change",
        ["enterprisehub.v1.CreditMonitor/GetCreditProfile"] = "read",
        ["enterprisehub.v1.CreditMonitor/ListRiskEnterprises"] = "read",
        ["enterprisehub.v1.CreditMonitor/WatchRiskAlerts"] = "watch",
        ["enterprisehub.v1.EnterpriseDirectory/BatchGetEnterprises"] = "read",
        ["enterprisehub.v1.EnterpriseDirectory/GetEnterprise"] = "read",
        ["enterprisehub.v1.EnterpriseDirectory/GetFactHistory"] = "read",
        ["enterprisehub.v1.EnterpriseDirectory/SearchEnterprises"] = "read",
        ["enterprisehub.v1.FactExchange/AckSubscription"] = "read",
        ["enterprisehub.v1.FactExchange/CreateSubscription"] = "change",
        ["enterprisehub.v1.FactExchange/ListSubscriptions"] = "read",
        ["enterprisehub.v1.FactExchange/PublishFactStream"] = "publish",
        ["enterprisehub.v1.FactExchange/PublishFacts"] = "publish",
        ["enterprisehub.v1.FactExchange/ReadSubscription"] = "watch",
        ["enterprisehub.v1.FactExchange/WatchFacts"] = "watch",
        ["enterprisehub.v1.Forms/GetSubmission"] = "read",
        ["enterprisehub.v1.Forms/ListForms"] = "read",
        ["enterprisehub.v1.Forms/ListSubmissions"] = "read",
        ["enterprisehub.v1.Forms/Prefill"] = "read",
        ["enterprisehub.v1.Forms/Submit"] = "change",
        ["enterprisehub.v1.ProactiveService/GetNotice"] = "read",
        ["enterprisehub.v1.ProactiveService/ListNotices"] = "read",
        ["enterprisehub.v1.ProactiveService/ListPolicies"] = "read",
        ["enterprisehub.v1.ProactiveService/MarkRead"] = "read",
        ["enterprisehub.v1.ProactiveService/Preview"] = "change",
        ["enterprisehub.v1.ProactiveService/PublishPolicy"] = "change",
        ["enterprisehub.v1.ProactiveService/WatchNotices"] = "watch",
        ["grpc.health.v1.Health/Check"] = "probe",
        ["grpc.health.v1.Health/Watch"] = "probe",
        ["grpc.reflection.v1.ServerReflection/ServerReflectionInfo"] = "probe",
        ["grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"] = "probe",
    };

    [Fact]
    public async Task ServedMethods_ListedByReflection_EachHaveAKindHere()
    {
        var served = (await ServedMethods.ListAsync(hub.Client("hrss"))).Select(m => m.Path).ToList();

        Assert.Equal(Kinds.Keys.Order(StringComparer.Ordinal), served);
    }

    [Fact]
    public async Task EveryMethod_ItsKindsBucketEmpty_IsRefusedNamingThatKindBeforeAdmission()
    {
        var methods = await ServedMethods.ListAsync(hub.Client("hrss"));
        var admin = hub.Client("admin");
        // A call of each kind takes the kind's only token, whatever the call comes to; calling
        // until refused makes sure of it even if a call timed out before it reached the hub.
        foreach (var kind in Kinds.Values.Distinct())
        {
            var first = methods.First(m => Kinds[m.Path] == kind);
            for (var i = 0; i < 5 && await ServedMethods.CallAsync(admin, first, []) is not { StatusCode: StatusCode.ResourceExhausted }; i++)
            {
            }
        }

        var wrong = new List<string>();
        foreach (var method in methods)
        {
            var error = await ServedMethods.CallAsync(admin, method, []);
            var kind = Kinds[method.Path];
            if (error is not { StatusCode: StatusCode.ResourceExhausted }
                || !error.Violation().Description.StartsWith($"{kind} calls:", StringComparison.Ordinal))
            {
                wrong.Add($"{method.Path}: expected a refusal of its {kind} quota, got {error?.StatusCode} {error?.Status.Detail} "
                    + (error?.GetRpcStatus()?.GetDetail<Google.Rpc.QuotaFailure>()?.ToString() ?? ""));
            }
        }

        // Admin may call few of these methods: the quota is taken before the access table is consulted.
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.All(Kinds.Values.Distinct(), kind => Assert.True(hub.Refusals("admin", kind) >= 1, $"no {kind} refusal counted"));
    }
}
