using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseHub.Server.Tests.Quotas;

/// <summary>
/// A hub of its own with the demo zone and low quotas for some callers, each test using callers
/// of its own: customs reads at 5 a second (burst 10) and may hold 2 streams; court reads 3 times
/// and then almost never (0.01 a second); amr reads twice a second, one at a time; hrss
/// publishes 2 batches and then almost never; admin has a
/// bucket of 1 for every kind, refilled once in 1,000 s; tax keeps the defaults. It counts
/// the hub's <c>hub.quota.refusals</c> measurements by caller, kind and limit.
/// </summary>
public sealed class QuotaFixture() : HubFixture(new HubSetup { Demo = true, Arguments = QuotaArguments })
{
    public const string Nansha = "91440115MA5HUB013L";

    public static readonly string[] Kinds = ["Read", "Publish", "Watch", "Change", "Probe"];

    private static readonly string[] QuotaArguments =
    [
        "--Hub:Quotas:Callers:customs:Read:PerSecond=5",
        "--Hub:Quotas:Callers:customs:Read:Burst=10",
        "--Hub:Quotas:Callers:customs:MaxStreams=2",
        "--Hub:Quotas:Callers:court:Read:PerSecond=0.01",
        "--Hub:Quotas:Callers:court:Read:Burst=3",
        "--Hub:Quotas:Callers:amr:Read:PerSecond=2",
        "--Hub:Quotas:Callers:amr:Read:Burst=1",
        "--Hub:Quotas:Callers:hrss:Publish:PerSecond=0.01",
        "--Hub:Quotas:Callers:hrss:Publish:Burst=2",
        .. Kinds.SelectMany(kind => new[] { $"--Hub:Quotas:Callers:admin:{kind}:PerSecond=0.001", $"--Hub:Quotas:Callers:admin:{kind}:Burst=1" }),
    ];

    private readonly ConcurrentDictionary<(string Caller, string Kind, string Limit), long> refusals = new();
    private MeterListener? listener;

    /// <summary>Refusals the hub has counted in its metric so far.</summary>
    public long Refusals(string caller, string kind = "read", string limit = "rate") => refusals.GetValueOrDefault((caller, kind, limit));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Only this hub's meter: other hubs of the test run create theirs through their own factory.
        var factory = Services.GetRequiredService<IMeterFactory>();
        listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name == "hub.quota.refusals")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var named = tags.ToArray().ToDictionary(t => t.Key, t => t.Value as string ?? "", StringComparer.Ordinal);
            refusals.AddOrUpdate((named["caller"], named["kind"], named["limit"]), value, (_, total) => total + value);
        });
        listener.Start();
    }

    public override async Task DisposeAsync()
    {
        listener?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A lookup of a demo enterprise, as a department makes it.</summary>
    public static GetEnterpriseRequest Read() => new() { Uscc = Nansha, Purpose = "quota test", OfficerId = "officer-9" };

    /// <summary>Reads until the caller's read bucket refuses, and returns the refusal.</summary>
    public static async Task<RpcException> ExhaustAsync(HubClient client)
    {
        for (var i = 0; i < 1000; i++)
        {
            try
            {
                await client.Directory.GetEnterpriseAsync(Read());
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.ResourceExhausted)
            {
                return error;
            }
        }

        throw new Xunit.Sdk.XunitException("the read bucket never ran out");
    }
}
