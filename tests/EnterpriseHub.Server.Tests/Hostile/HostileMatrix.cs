using System.Globalization;
using EnterpriseHub.Client;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Server.Tests.Access;
using EnterpriseHub.Server.Tests.Edge;
using EnterpriseHub.V1;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EnterpriseHub.Server.Tests.Hostile;

/// <summary>
/// Runs one hostile case against every method the hub serves, each as a caller the access table
/// admits: checks that the hub stored nothing of it (the fact log's head and the audit chain), and
/// that an ordinary GetEnterprise succeeds after every call, whose latency it reports.
/// </summary>
internal sealed class HostileMatrix(EdgeFixture hub, ITestOutputHelper output)
{
    private static readonly string[] Preference = ["amr", "hrss", "portal", "admin"];

    private Latencies _after = new();
    private System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly List<string> _table = [];

    /// <summary>Every method the hub serves (as its reflection lists them), with its descriptor and an admitted caller.</summary>
    public async Task<IReadOnlyList<(MethodDescriptor Method, string Caller)>> MethodsAsync()
    {
        var served = (await ServedMethods.ListAsync(hub.Client("admin"))).Select(m => m.Path).ToList();
        var known = RawCalls.AllMethods().ToDictionary(m => $"{m.Service.FullName}/{m.Name}", StringComparer.Ordinal);
        Assert.Equal(served, known.Keys.Order(StringComparer.Ordinal));
        return served.Select(path => (known[path], Preference.First(AccessTableTests.Admitted[path].Split(' ').Contains))).ToList();
    }

    /// <summary>The fact log's head and the audit chain, before the case runs.</summary>
    public async Task<(long FactHead, VerifyChainResponse Chain)> StateAsync()
    {
        var feed = await hub.Services.GetRequiredService<IFactStore>().ReadFeedAsync(0, int.MaxValue, CancellationToken.None);
        var chain = await hub.Client("admin").Audit.VerifyChainAsync(new VerifyChainRequest());
        return (feed.Count == 0 ? 0 : feed[^1].Sequence, chain);
    }

    /// <summary>Publishes the enterprise the requests name and the ordinary call reads, once per hub (a repeat is a duplicate).</summary>
    public async Task EnsureEnterpriseAsync() =>
        await hub.Client("amr").Exchange.PublishFactsAsync(new PublishFactsRequest { Facts = { TestData.Licence(HostileRequests.Enterprise, "hostile-base-1") } });

    /// <summary>Records the outcome of one call in the report, then makes an ordinary call that must succeed.</summary>
    public async Task AfterAsync(string hostileCase, MethodDescriptor method, RpcException? outcome)
    {
        var info = outcome?.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>();
        _table.Add($"{hostileCase} | {method.Service.Name}/{method.Name} | {outcome?.StatusCode.ToString() ?? "OK"} | {info?.Reason}");
        var reply = await _after.TimeAsync(async () => await hub.Client("tax").Directory.GetEnterpriseAsync(
            new GetEnterpriseRequest { Uscc = HostileRequests.Enterprise, Purpose = "after a hostile call", OfficerId = "officer-2" },
            deadline: DateTime.UtcNow.AddSeconds(30)));
        Assert.Equal(HostileRequests.Enterprise, reply.Enterprise.Uscc);
    }

    /// <summary>Nothing was stored: the fact log's head is where it was; the audit chain is intact and only grew.</summary>
    public async Task AssertNothingStoredAsync((long FactHead, VerifyChainResponse Chain) before, string hostileCase)
    {
        var after = await StateAsync();
        Assert.Equal(before.FactHead, after.FactHead);
        Assert.True(after.Chain.Intact, $"{hostileCase}: chain broken at {after.Chain.FirstBadSequence}: {after.Chain.Problem}");
        Assert.True(after.Chain.HeadSequence >= before.Chain.HeadSequence);
        Assert.True(_table.Count > 0, $"{hostileCase}: no method has a field for the case");
        var summary = _table.Select(row => string.Join(" | ", row.Split(" | ").Where((_, i) => i != 1))).GroupBy(r => r).Select(g => $"{g.Key} x{g.Count()}");
        output.WriteLine($"SUMMARY {string.Join("; ", summary)}");
        output.WriteLine($"{hostileCase}: {_table.Count} calls in {_clock.ElapsedMilliseconds} ms; fact log head {after.FactHead}; audit head {before.Chain.HeadSequence} -> {after.Chain.HeadSequence}, intact");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{hostileCase}: ordinary GetEnterprise after each call: {_after}"));
        foreach (var row in _table.Distinct())
        {
            output.WriteLine(row);
        }

        _table.Clear();
        _after = new Latencies();
        _clock = System.Diagnostics.Stopwatch.StartNew();
    }

    /// <summary>INVALID_ARGUMENT with the hub's ErrorInfo and request id and a BadRequest (whatever its reason).</summary>
    public static void AssertInvalidArgument(RpcException error, string because)
    {
        Assert.True(error.StatusCode == StatusCode.InvalidArgument, $"{because}: {error.StatusCode} {error.Status.Detail}");
        var info = error.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.True(info is { Domain: "enterprisehub.v1" }, $"{because}: no ErrorInfo");
        Assert.Equal(error.Trailers.GetValue("x-request-id"), info.Metadata["request_id"]);
        Assert.NotEmpty(error.FieldViolations());
    }

    /// <summary>A caller's error (or success): never UNKNOWN, INTERNAL or a deadline; a refusal carries the hub's ErrorInfo.</summary>
    public static void AssertCallersError(RpcException? outcome, string because)
    {
        if (outcome is null)
        {
            return;
        }

        Assert.True(
            outcome.StatusCode is not (StatusCode.Unknown or StatusCode.Internal or StatusCode.DeadlineExceeded or StatusCode.Unavailable or StatusCode.Cancelled),
            $"{because}: {outcome.StatusCode} {outcome.Status.Detail}");
        var info = outcome.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.True(info is { Domain: "enterprisehub.v1" }, $"{because}: {outcome.StatusCode} without the hub's ErrorInfo");
    }

    /// <summary>A call invoker on the shared channel of <paramref name="caller"/>.</summary>
    public CallInvoker Invoker(string caller) => hub.Client(caller).Channel.CreateCallInvoker();

    /// <summary>Runs <paramref name="call"/> for every served method with an admitted caller; each outcome is followed by an ordinary call.</summary>
    public async Task RunAsync(string hostileCase, Func<MethodDescriptor, string, Task<List<RpcException?>>> call)
    {
        await EnsureEnterpriseAsync();
        var before = await StateAsync();
        foreach (var (method, caller) in await MethodsAsync())
        {
            // A method whose request has no field for the case is left out (no outcomes).
            foreach (var outcome in await call(method, caller))
            {
                await AfterAsync(hostileCase, method, outcome);
            }
        }

        await AssertNothingStoredAsync(before, hostileCase);
    }
}
