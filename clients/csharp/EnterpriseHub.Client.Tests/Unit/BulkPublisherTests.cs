using EnterpriseHub.V1;

namespace EnterpriseHub.Client.Tests.Unit;

public sealed class BulkPublisherTests
{
    private static readonly BulkPublishOptions TwoPerChunk = new()
    {
        ChunkSize = 2,
        Resume = new ResumeOptions { InitialBackoff = TimeSpan.Zero, MaxConsecutiveFailures = 2 },
    };

    [Fact]
    public async Task RunAsync_StreamBreaksWithAckLost_ResendsFromFirstUnacknowledgedChunk()
    {
        var hub = new FakePublishHub { BreakAt = { 3, null } };
        var reports = new List<BulkPublishProgress>();

        var result = await new BulkPublisher(hub.Open, TwoPerChunk, new SyncProgress(reports.Add)).RunAsync(Drafts(10), CancellationToken.None);

        Assert.Equal(["f0", "f2", "f4"], hub.StreamsWritten[0]);
        Assert.Equal(["f2", "f4", "f6", "f8"], hub.StreamsWritten[1]);
        Assert.Equal(new BulkPublishProgress(Chunks: 5, Facts: 10, Stored: 8, Duplicates: 2, LastSequence: 10, Reconnects: 1), result);
        Assert.Equal([2L, 4, 6, 8, 10], reports.Select(report => report.Facts));
    }

    [Fact]
    public async Task RunAsync_WriteFailsWithoutTheReaderKnowing_ReopensAndResendsInsteadOfWaitingForEver()
    {
        var hub = new FakePublishHub { WriteFailsAt = { 3, null } };

        var result = await new BulkPublisher(hub.Open, TwoPerChunk, null).RunAsync(Drafts(10), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["f0", "f2"], hub.StreamsWritten[0]);
        Assert.Equal(["f4", "f6", "f8"], hub.StreamsWritten[1]);
        Assert.Equal(new BulkPublishProgress(Chunks: 5, Facts: 10, Stored: 10, Duplicates: 0, LastSequence: 10, Reconnects: 1), result);
    }

    [Fact]
    public async Task RunAsync_BreaksEveryTimeWithoutProgress_ThrowsAfterMaxConsecutiveFailures()
    {
        var hub = new FakePublishHub { BreakAt = { 1, 1, 1, 1 } };

        await Assert.ThrowsAsync<Grpc.Core.RpcException>(
            () => new BulkPublisher(hub.Open, TwoPerChunk, null).RunAsync(Drafts(4), CancellationToken.None));

        Assert.Equal(3, hub.StreamsWritten.Count);
    }

    [Fact]
    public async Task RunAsync_CallersSequenceThrows_SurfacesTheCallersException()
    {
        var hub = new FakePublishHub();

        await Assert.ThrowsAsync<FormatException>(
            () => new BulkPublisher(hub.Open, TwoPerChunk, null).RunAsync(Failing(), CancellationToken.None));

        static IEnumerable<FactDraft> Failing()
        {
            yield return new FactDraft { SourceRecordId = "f0" };
            throw new FormatException("bad input row");
        }
    }

    private static IEnumerable<FactDraft> Drafts(int count) =>
        Enumerable.Range(0, count).Select(i => new FactDraft { Uscc = "91440115MA5HUB013L", SourceRecordId = $"f{i}" });

    private sealed class SyncProgress(Action<BulkPublishProgress> report) : IProgress<BulkPublishProgress>
    {
        public void Report(BulkPublishProgress value) => report(value);
    }
}
