using System.Diagnostics;
using System.Text;
using EnterpriseHub.Client;
using EnterpriseHub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace EnterpriseHub.Server.Tests.Edge;

/// <summary>
/// A refusal is bounded whatever the caller sent: at most 100 violations and a last one saying how
/// many more, texts cut to 200 characters, and all the reply's metadata well under the 8 KiB an
/// ordinary client accepts — so such a client sees the refusal, not RESOURCE_EXHAUSTED.
/// </summary>
public sealed class BoundedRefusalTests(EdgeFixture hub, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<EdgeFixture>
{
    private const int OrdinaryClientKiB = 8;

    [Fact]
    public async Task BatchGetEnterprises_100000BadCodes_OneViolationForTheCountQuickly()
    {
        using var channel = EdgeChannels.WithMetadataLimit(hub.Address, hub.CertsFolder, "tax", OrdinaryClientKiB);
        var request = new BatchGetEnterprisesRequest { Purpose = "bounds", OfficerId = "officer-1" };
        request.Usccs.AddRange(Enumerable.Range(0, 100_000).Select(i => $"bad-{i}"));
        var directory = new EnterpriseDirectory.EnterpriseDirectoryClient(channel);
        // The connection is up and the method warm before the clock starts.
        await directory.BatchGetEnterprisesAsync(new BatchGetEnterprisesRequest { Purpose = "warm", OfficerId = "officer-1", Usccs = { "91440115MA5HUB013L" } });

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RpcException>(() => directory.BatchGetEnterprisesAsync(request).ResponseAsync);
        clock.Stop();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.FieldViolations());
        Assert.Equal("usccs", violation.Field);
        Assert.Contains("100000", violation.Description, StringComparison.Ordinal);
        output.WriteLine($"100,000 codes refused in {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"answered in {clock.Elapsed.TotalMilliseconds:0} ms");
        AssertWellUnder8KiB(error);
    }

    [Fact]
    public async Task PublishFacts_5000BadFacts_AtMost100ViolationsAndOneCountingTheRestUnder8KiB()
    {
        using var channel = EdgeChannels.WithMetadataLimit(hub.Address, hub.CertsFolder, "amr", OrdinaryClientKiB);
        var request = new PublishFactsRequest();
        request.Facts.AddRange(Enumerable.Range(0, 5000).Select(i => TestData.Licence($"not-a-code-{i}", $"bounded-{i}")));

        var error = await Assert.ThrowsAsync<RpcException>(() => new FactExchange.FactExchangeClient(channel).PublishFactsAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violations = error.FieldViolations();
        Assert.InRange(violations.Count, 2, 101);
        Assert.StartsWith("facts[0].", violations[0].Field, StringComparison.Ordinal);
        var last = violations[^1];
        Assert.Equal(string.Empty, last.Field);
        var more = System.Text.RegularExpressions.Regex.Match(last.Description, "^([0-9]+) more violations not listed$");
        Assert.True(more.Success, last.Description);
        Assert.True(int.Parse(more.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 5000 - (violations.Count - 1));
        AssertWellUnder8KiB(error);
    }

    [Fact]
    public async Task PublishFacts_60000CharacterAttributeKey_FieldPathAndTextsCut()
    {
        using var channel = EdgeChannels.WithMetadataLimit(hub.Address, hub.CertsFolder, "amr", OrdinaryClientKiB);
        var draft = TestData.Licence(TestData.NewUscc(), "long-key-1");
        draft.Attributes.Fields[new string('k', 60_000)] = Value.ForString("v");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new FactExchange.FactExchangeClient(channel).PublishFactsAsync(new PublishFactsRequest { Facts = { draft } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.FieldViolations());
        Assert.StartsWith("facts[0].attributes.kkk", violation.Field, StringComparison.Ordinal);
        Assert.InRange(violation.Field.Length, 100, 200);
        Assert.InRange(violation.Description.Length, 1, 200);
        Assert.InRange(error.Status.Detail.Length, 1, 200);
        AssertWellUnder8KiB(error);
    }

    /// <summary>All the reply's metadata, counted as HTTP/2 does, stays well under 8 KiB (here: under 6 KiB).</summary>
    private void AssertWellUnder8KiB(RpcException error)
    {
        var size = error.Trailers.Sum(e => e.Key.Length + 32 + (e.IsBinary ? (e.ValueBytes.Length + 2) / 3 * 4 : Encoding.UTF8.GetByteCount(e.Value)))
            + "grpc-message".Length + 32 + (Encoding.UTF8.GetByteCount(error.Status.Detail) * 3);
        output.WriteLine($"{error.FieldViolations().Count} violations, {size} bytes of metadata");
        Assert.True(size < 6 * 1024, $"{size} bytes of metadata");
    }
}
