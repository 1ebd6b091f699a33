using EnterpriseHub.Client;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests.Access;

/// <summary>
/// Who may call what, checked against every method the hub serves as its server reflection lists
/// them: a method served without a line in <see cref="Admitted"/> fails, and every kind of caller
/// is tried on every method over real TLS with its own certificate.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class AccessTableTests(HubFixture hub)
{
    private const string Nansha = "91440115MA5HUB013L";
    private const string Qianhai = "91440305MA5HUB021A";

    /// <summary>
    /// The callers each method admits. amr is a department and a supervision reader, hrss a
    /// department only, portal the portal and the delivery channel, admin the operators.
    /// </summary>
    internal static readonly Dictionary<string, string> Admitted = new(StringComparer.Ordinal)
    {
        ["enterprisehub.v1.Audit/GetConsistencyProof"] = "amr hrss portal admin",
        ["enterprisehub.v1.Audit/GetCheckpoint"] = "amr hrss portal admin",
        ["enterprisehub.v1.Audit/GetInclusionProof"] = "amr hrss portal admin",
        ["enterprisehub.v1.Audit/ListAccess"] = "portal admin",
        ["enterprisehub.v1.Audit/VerifyChain"] = "amr hrss portal admin",
        ["enterprisehub.v1.Catalog/ChangeFactType"] = "amr hrss admin",
        ["enterprisehub.v1.Catalog/DecideGrant"] = "amr hrss",
        ["enterprisehub.v1.Catalog/ListFactTypes"] = "amr hrss portal admin",
        ["enterprisehub.v1.Catalog/ListGrantRequests"] = "amr hrss",
        ["enterprisehub.v1.Catalog/ListReadableFactTypes"] = "amr hrss",
        ["enterprisehub.v1.Catalog/RequestGrant"] = "amr hrss",
        ["enterprisehub.v1.Catalog/RevokeGrant"] = "amr hrss",
        ["enterprisehub.v1.CreditMonitor/AnswerObjection"] = "amr hrss",
        ["enterprisehub.v1.CreditMonitor/FileObjection"] = "portal",
        ["enterprisehub.v1.CreditMonitor/GetCreditProfile"] = "amr portal",
        ["enterprisehub.v1.CreditMonitor/ListRiskEnterprises"] = "amr",
        ["enterprisehub.v1.CreditMonitor/WatchRiskAlerts"] = "amr",
        ["enterprisehub.v1.EnterpriseDirectory/BatchGetEnterprises"] = "amr hrss portal",
        ["enterprisehub.v1.EnterpriseDirectory/GetEnterprise"] = "amr hrss portal",
        ["enterprisehub.v1.EnterpriseDirectory/GetFactHistory"] = "amr hrss portal",
        ["enterprisehub.v1.EnterpriseDirectory/SearchEnterprises"] = "amr hrss",
        ["enterprisehub.v1.FactExchange/AckSubscription"] = "amr hrss",
        ["enterprisehub.v1.FactExchange/CreateSubscription"] = "amr hrss",
        ["enterprisehub.v1.FactExchange/ListSubscriptions"] = "amr hrss",
        ["enterprisehub.v1.FactExchange/PublishFactStream"] = "amr hrss",
        ["enterprisehub.v1.FactExchange/PublishFacts"] = "amr hrss",
        ["enterprisehub.v1.FactExchange/ReadSubscription"] = "amr hrss",
        ["enterprisehub.v1.FactExchange/WatchFacts"] = "amr hrss portal",
        ["enterprisehub.v1.Forms/GetSubmission"] = "portal",
        ["enterprisehub.v1.Forms/ListForms"] = "amr hrss portal admin",
        ["enterprisehub.v1.Forms/ListSubmissions"] = "portal admin",
        ["enterprisehub.v1.Forms/Prefill"] = "amr hrss portal",
        ["enterprisehub.v1.Forms/Submit"] = "portal",
        ["enterprisehub.v1.ProactiveService/GetNotice"] = "portal",
        ["enterprisehub.v1.ProactiveService/ListNotices"] = "portal",
        ["enterprisehub.v1.ProactiveService/ListPolicies"] = "amr hrss",
        ["enterprisehub.v1.ProactiveService/MarkRead"] = "portal",
        ["enterprisehub.v1.ProactiveService/Preview"] = "amr hrss",
        ["enterprisehub.v1.ProactiveService/PublishPolicy"] = "amr hrss",
        ["enterprisehub.v1.ProactiveService/WatchNotices"] = "portal",
        ["grpc.health.v1.Health/Check"] = "amr hrss portal admin",
        ["grpc.health.v1.Health/Watch"] = "amr hrss portal admin",
        ["grpc.reflection.v1.ServerReflection/ServerReflectionInfo"] = "amr hrss portal admin",
        ["grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"] = "amr hrss portal admin",
    };

    private static readonly string[] Callers = ["amr", "hrss", "portal", "admin"];

    [Fact]
    public async Task ServedMethods_ListedByReflection_AreEachDeclaredHere()
    {
        var served = (await ServedMethods.ListAsync(hub.Client("admin"))).Select(m => m.Path).ToList();

        Assert.Equal(Admitted.Keys.Order(StringComparer.Ordinal), served);
    }

    [Fact]
    public async Task EveryMethod_EachKindOfCaller_IsAdmittedExactlyAsDeclared()
    {
        var methods = await ServedMethods.ListAsync(hub.Client("admin"));
        var calls = methods.SelectMany(method => Callers.Select(async caller =>
        {
            // The portal acts for its own enterprise and names only that one; the others send an empty request.
            var request = caller == "portal"
                ? ServedMethods.Request(method, ("acting_for", Nansha), ("uscc", Nansha), ("usccs", Nansha))
                : [];
            var error = await ServedMethods.CallAsync(hub.Client(caller), method, request);
            var admitted = Admitted[method.Path].Split(' ').Contains(caller);
            var refusedAsCaller = error is { StatusCode: StatusCode.PermissionDenied } && error.Reason() == "CALLER_NOT_ADMITTED";
            return admitted == !refusedAsCaller
                ? null
                : $"{method.Path} by {caller}: expected {(admitted ? "admitted" : "refused")}, got {error?.StatusCode} {error?.Reason()} {error?.Status.Detail}";
        }));

        var wrong = (await Task.WhenAll(calls)).OfType<string>().ToList();

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task EveryPortalMethod_NamingAnotherEnterprise_IsRefused()
    {
        var methods = (await ServedMethods.ListAsync(hub.Client("admin")))
            .Where(m => Admitted[m.Path].Split(' ').Contains("portal") && (m.Field("uscc") ?? m.Field("usccs")) is not null)
            .ToList();
        Assert.True(methods.Count >= 10, string.Join(", ", methods));

        var calls = methods.Select(async method =>
        {
            var request = ServedMethods.Request(method, ("acting_for", Nansha), ("uscc", Qianhai), ("usccs", Qianhai));
            var error = await ServedMethods.CallAsync(hub.Client("portal"), method, request);
            return error is { StatusCode: StatusCode.PermissionDenied } && error.Reason() == "PORTAL_OTHER_ENTERPRISE"
                ? null
                : $"{method.Path}: got {error?.StatusCode} {error?.Reason()} {error?.Status.Detail}";
        });

        var wrong = (await Task.WhenAll(calls)).OfType<string>().ToList();

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task EveryPortalMethod_WithoutActingFor_NamesTheFieldItHas()
    {
        var methods = (await ServedMethods.ListAsync(hub.Client("admin"))).Where(m => m.Field("acting_for") is not null).ToList();
        Assert.All(methods, m => Assert.Contains("portal", Admitted[m.Path].Split(' ')));

        var calls = methods.Select(async method =>
        {
            var error = await ServedMethods.CallAsync(hub.Client("portal"), method, ServedMethods.Request(method, ("uscc", Nansha)));
            return error is { StatusCode: StatusCode.InvalidArgument } && error.FieldViolations().Any(v => v.Field == "acting_for")
                ? null
                : $"{method.Path}: got {error?.StatusCode} {error?.Status.Detail}";
        });

        var wrong = (await Task.WhenAll(calls)).OfType<string>().ToList();

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task EveryPortalMethod_WithoutThePerson_NamesOfficerId()
    {
        var methods = (await ServedMethods.ListAsync(hub.Client("admin"))).Where(m => m.Field("acting_for") is not null).ToList();
        Assert.All(methods, m => Assert.True(m.Field("officer_id") is not null, $"{m.Path} has no officer_id"));

        var calls = methods.Select(async method =>
        {
            var request = ServedMethods.Request(method, ("acting_for", Nansha), ("uscc", Nansha), ("usccs", Nansha));
            var error = await ServedMethods.CallAsync(hub.Client("portal"), method, request);
            return error is { StatusCode: StatusCode.InvalidArgument } && error.FieldViolations().Any(v => v.Field == "officer_id")
                ? null
                : $"{method.Path}: got {error?.StatusCode} {error?.Status.Detail}";
        });

        var wrong = (await Task.WhenAll(calls)).OfType<string>().ToList();

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }
}
