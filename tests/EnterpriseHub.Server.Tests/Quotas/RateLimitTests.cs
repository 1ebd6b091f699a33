using System.Diagnostics;
using EnterpriseHub.V1;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests.Quotas;

/// <summary>
/// Per-caller token buckets over real TLS: a flooding department is refused with
/// RESOURCE_EXHAUSTED, QuotaFailure and RetryInfo while another department's calls go through;
/// buckets are per identity, and refill.
/// </summary>
public sealed class RateLimitTests(QuotaFixture hub) : IClassFixture<QuotaFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GetEnterprise_OneDepartmentFloods_AnotherDepartmentsCallsAllSucceedThroughout()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var firstRefusal = new TaskCompletionSource<RpcException>(TaskCreationOptions.RunContinuationsAsynchronously);
        long floodCalls = 0, floodRefused = 0, floodSucceeded = 0;
        var flooder = hub.Client("customs");
        var started = Stopwatch.StartNew();
        var flood = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref floodCalls);
                try
                {
                    await flooder.Directory.GetEnterpriseAsync(QuotaFixture.Read(), cancellationToken: stop.Token);
                    Interlocked.Increment(ref floodSucceeded);
                }
                catch (RpcException error) when (error.StatusCode == StatusCode.ResourceExhausted)
                {
                    Interlocked.Increment(ref floodRefused);
                    firstRefusal.TrySetResult(error);
                }
                catch (RpcException) when (stop.IsCancellationRequested)
                {
                }
            }
        })).ToList();

        var refusal = await firstRefusal.Task.WaitAsync(timeout.Token);
        var refusedBefore = Interlocked.Read(ref floodRefused);
        var failures = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            try
            {
                var reply = await hub.Client("tax").Directory.GetEnterpriseAsync(QuotaFixture.Read(), cancellationToken: timeout.Token);
                Assert.Equal(QuotaFixture.Nansha, reply.Enterprise.Uscc);
            }
            catch (RpcException error)
            {
                failures.Add($"call {i}: {error.StatusCode} {error.Status.Detail}");
            }
        }

        var refusedAfter = Interlocked.Read(ref floodRefused);
        await stop.CancelAsync();
        await Task.WhenAll(flood);
        var seconds = started.Elapsed.TotalSeconds;

        Assert.Empty(failures);
        // The flood went on all the while: refused before tax's first call and again until after its last.
        Assert.True(refusedAfter > refusedBefore, $"refusals {refusedBefore} → {refusedAfter} during tax's calls");
        refusal.AssertQuotaRefusal("QUOTA_EXCEEDED", "customs", "read calls: 5 per second, burst 10");
        // The bucket held: its burst and its refill at most (plus one refill step of slack).
        Assert.True(floodSucceeded <= 10 + (5 * seconds) + 1, $"{floodSucceeded} of {floodCalls} flood calls succeeded in {seconds:0.0} s");
        Assert.True(hub.Refusals("customs") >= floodRefused, $"metric {hub.Refusals("customs")}, client saw {floodRefused}");
        Assert.Equal(0, hub.Refusals("tax"));
    }

    [Fact]
    public async Task GetEnterprise_AfterTheRetryInfoDelay_SucceedsAgain()
    {
        var amr = hub.Client("amr");
        var error = await QuotaFixture.ExhaustAsync(amr);
        var delay = error.RetryDelay();
        Assert.InRange(delay, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

        // The client honours RetryInfo, as every client should: it waits what it was told, and
        // again if it is refused once more (the bucket refills on a 100 ms timer).
        var attempts = 0;
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(delay);
            attempts++;
            try
            {
                await amr.Directory.GetEnterpriseAsync(QuotaFixture.Read());
                break;
            }
            catch (RpcException again) when (again.StatusCode == StatusCode.ResourceExhausted && attempts < 5)
            {
                delay = again.RetryDelay();
            }
        }

        Assert.True(attempts <= 3, $"{attempts} attempts in {waited.Elapsed}");
    }

    [Fact]
    public async Task GetEnterprise_DepartmentOverride_AppliesToThatDepartmentAlone()
    {
        // court: burst 3, then one token per 100 s; hrss reads at the default (2,000 a second).
        for (var i = 0; i < 3; i++)
        {
            await hub.Client("court").Directory.GetEnterpriseAsync(QuotaFixture.Read());
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() => hub.Client("court").Directory.GetEnterpriseAsync(QuotaFixture.Read()).ResponseAsync);
        for (var i = 0; i < 10; i++)
        {
            await hub.Client("hrss").Directory.GetEnterpriseAsync(QuotaFixture.Read());
        }

        refused.AssertQuotaRefusal("QUOTA_EXCEEDED", "court", "read calls: 0.01 per second, burst 3");
        Assert.True(refused.RetryDelay() > TimeSpan.FromSeconds(50), $"retry delay {refused.RetryDelay()}");
        Assert.Equal(0, hub.Refusals("hrss"));
    }
}
