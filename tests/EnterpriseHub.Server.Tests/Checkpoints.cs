using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace EnterpriseHub.Server.Tests;

/// <summary>Waiting for the hub's checkpoint signer, which runs on its own timer.</summary>
internal static class Checkpoints
{
    /// <summary>
    /// The first signed checkpoint that covers <paramref name="treeSize"/> records, asked for until
    /// it comes (the test hubs sign every 0.2 s) or <paramref name="timeout"/> (10 s) passes. A hub
    /// on a fake <paramref name="clock"/> signs when it moves: each ask moves it on by 0.2 s.
    /// </summary>
    public static async Task<GetCheckpointResponse> CoveringAsync(
        HubClient client, long treeSize, FakeTimeProvider? clock = null, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            clock?.Advance(TimeSpan.FromSeconds(0.2));
            try
            {
                var checkpoint = await client.Audit.GetCheckpointAsync(new GetCheckpointRequest(), cancellationToken: deadline.Token);
                if (checkpoint.TreeSize >= treeSize)
                {
                    return checkpoint;
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && !deadline.IsCancellationRequested)
            {
                // None signed yet.
            }

            // Bounded by the deadline: a signer that never covers the size fails the test.
            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }
}
