using EnterpriseHub.Client;
using Grpc.Core;
using V1 = EnterpriseHub.V1;

namespace EnterpriseHub.Cli.Import;

/// <summary>
/// Sends the good lines of a <see cref="FactSource"/> through the SDK's bulk publisher
/// (<see cref="BulkPublishExtensions.PublishBulkAsync"/>: chunks over PublishFactStream, a few in
/// flight, acknowledgements in order, reconnects with backoff after UNAVAILABLE), and settles every
/// line in input order: a line is settled once it is acknowledged or rejected and every line before
/// it is settled; the rejects file and the state file follow the settled position, after each
/// acknowledgement. A chunk the hub refuses is triaged (<see cref="RefusalTriage"/>): the lines the
/// refusal names are rejected, the others resent on a new stream; a refusal naming none is split in
/// halves until each bad line stands alone. The chunks read past the refused one are resent after it.
/// </summary>
internal sealed class ImportSender(HubClient hub, FactSource source, RejectsFile rejects, ImportStateFile stateFile, ImportState start, SendOptions options)
{
    private readonly Queue<Entry> _pending = new();
    private readonly Lock _gate = new();
    private ImportState _state = start;
    private long _linesRead = start.Line;
    private long _runChunks;
    private long _runStored;
    private long _runDuplicates;

    /// <summary>Called after each acknowledgement and settled refusal, under the sender's lock: keep it short.</summary>
    public Action<ImportCounts>? Progress { get; init; }

    public ImportCounts Counts
    {
        get
        {
            lock (_gate)
            {
                return CountsLocked();
            }
        }
    }

    public async Task<ImportCounts> RunAsync(CancellationToken cancellationToken)
    {
        List<Entry> replay = [];
        while (true)
        {
            (_runChunks, _runStored, _runDuplicates) = (0, 0, 0);
            try
            {
                await hub.Exchange.PublishBulkAsync(
                    Feed(replay, cancellationToken), Bulk(options.ChunkSize), new Acknowledgements(this), cancellationToken: cancellationToken);
                lock (_gate)
                {
                    SettleLeadingRejects();
                    SaveLocked(finished: true);
                    return CountsLocked();
                }
            }
            catch (RpcException exception) when (!cancellationToken.IsCancellationRequested && RefusalTriage.IsChunkRefusal(exception.ToHubError()))
            {
                List<Entry> refused;
                lock (_gate)
                {
                    refused = [.. _pending.Where(e => e.Rejection is null).Take(options.ChunkSize)];
                }

                var outcome = new Outcome();
                await ResolveAsync(refused, exception.ToHubError(), outcome, cancellationToken);
                lock (_gate)
                {
                    SettleRefused(refused.Count, outcome);
                    replay = [.. _pending.Where(e => e.Rejection is null)];
                }
            }
        }
    }

    /// <summary>Saves the settled position (after Ctrl-C or when the hub stays away), so the next run resumes there.</summary>
    public ImportCounts SaveSettled()
    {
        lock (_gate)
        {
            SaveLocked(finished: false);
            return CountsLocked();
        }
    }

    private BulkPublishOptions Bulk(int chunkSize) => new()
    {
        ChunkSize = chunkSize,
        MaxChunksInFlight = options.ChunksInFlight,
        Resume = options.Resume,
    };

    /// <summary>The drafts to send: first those read before a refusal and not yet settled, then the rest of the input.</summary>
    private IEnumerable<V1.FactDraft> Feed(List<Entry> replay, CancellationToken cancellationToken)
    {
        foreach (var entry in replay)
        {
            yield return entry.Line.Draft!;
        }

        while (!cancellationToken.IsCancellationRequested && source.TryRead(out var line))
        {
            lock (_gate)
            {
                _linesRead = line.Line.Number;
                if (line.IsGood)
                {
                    _pending.Enqueue(new Entry(line, null));
                }
                else if (_pending.Count == 0)
                {
                    // Nothing before it is waiting for the hub: the line is settled now.
                    Reject(new Rejection(line.Line.Number, line.Line.Text, line.Problems));
                    Settle(line.Line);
                }
                else
                {
                    _pending.Enqueue(new Entry(line, new Rejection(line.Line.Number, line.Line.Text, line.Problems)));
                }
            }

            if (line.IsGood)
            {
                yield return line.Draft!;
            }
        }
    }

    private void Acknowledged(BulkPublishProgress progress)
    {
        lock (_gate)
        {
            for (; _runChunks < progress.Chunks; _runChunks++)
            {
                var goods = 0;
                while (goods < options.ChunkSize && _pending.TryDequeue(out var entry))
                {
                    if (entry.Rejection is { } rejection)
                    {
                        Reject(rejection);
                    }
                    else
                    {
                        goods++;
                    }

                    Settle(entry.Line.Line);
                }
            }

            _state = _state with
            {
                Stored = _state.Stored + progress.Stored - _runStored,
                Duplicates = _state.Duplicates + progress.Duplicates - _runDuplicates,
            };
            (_runStored, _runDuplicates) = (progress.Stored, progress.Duplicates);
            SettleLeadingRejects();
            SaveLocked(finished: false);
            var counts = CountsLocked();
            Progress?.Invoke(counts);
            ImportEvents.RaiseAcknowledged(options.InputPath, counts);
        }
    }

    /// <summary>Settles the refused chunk's lines (and the local rejects among them) in input order.</summary>
    private void SettleRefused(int goods, Outcome outcome)
    {
        while (goods > 0 && _pending.TryDequeue(out var entry))
        {
            if (entry.Rejection is { } rejection)
            {
                Reject(rejection);
            }
            else
            {
                goods--;
                if (outcome.Rejected.TryGetValue(entry, out var refusal))
                {
                    Reject(refusal);
                }
            }

            Settle(entry.Line.Line);
        }

        _state = _state with { Stored = _state.Stored + outcome.Stored, Duplicates = _state.Duplicates + outcome.Duplicates };
        SettleLeadingRejects();
        SaveLocked(finished: false);
        Progress?.Invoke(CountsLocked());
    }

    /// <summary>
    /// Finds the bad lines of a refused set: those the refusal names are rejected and the rest sent
    /// again as one chunk; a refusal that names none is split until each bad line is alone.
    /// </summary>
    private async Task ResolveAsync(List<Entry> lines, HubError? error, Outcome outcome, CancellationToken cancellationToken)
    {
        if (error is null)
        {
            try
            {
                var sent = await hub.Exchange.PublishBulkAsync(
                    lines.Select(e => e.Line.Draft!), Bulk(lines.Count), cancellationToken: cancellationToken);
                outcome.Stored += sent.Stored;
                outcome.Duplicates += sent.Duplicates;
                return;
            }
            catch (RpcException exception) when (RefusalTriage.IsChunkRefusal(exception.ToHubError()))
            {
                error = exception.ToHubError();
            }
        }

        var named = RefusalTriage.Named(error, [.. lines.Select(e => e.Line.Draft!)]);
        if (named.Count > 0)
        {
            foreach (var (index, problems) in named)
            {
                outcome.Rejected[lines[index]] = new Rejection(
                    lines[index].Line.Line.Number, lines[index].Line.Line.Text, problems, RefusalTriage.StatusName(error.Code), error.Reason, error.Message);
            }

            var rest = lines.Where((_, i) => !named.ContainsKey(i)).ToList();
            if (rest.Count > 0)
            {
                await ResolveAsync(rest, null, outcome, cancellationToken);
            }
        }
        else if (lines.Count == 1)
        {
            var line = lines[0].Line.Line;
            outcome.Rejected[lines[0]] = new Rejection(
                line.Number, line.Text, [.. error.FieldViolations.Select(v => new LineProblem(v.Field, v.Description))],
                RefusalTriage.StatusName(error.Code), error.Reason, error.Message);
        }
        else
        {
            var half = lines.Count / 2;
            await ResolveAsync(lines[..half], null, outcome, cancellationToken);
            await ResolveAsync(lines[half..], null, outcome, cancellationToken);
        }
    }

    private void Reject(Rejection rejection)
    {
        rejects.Write(rejection);
        _state = _state with { Rejected = _state.Rejected + 1 };
    }

    private void Settle(InputLine line) => _state = _state with { Line = line.Number, Offset = line.EndOffset };

    private void SettleLeadingRejects()
    {
        while (_pending.TryPeek(out var head) && head.Rejection is { } rejection)
        {
            _pending.Dequeue();
            Reject(rejection);
            Settle(head.Line.Line);
        }
    }

    private void SaveLocked(bool finished)
    {
        rejects.Flush();
        _state = _state with { RejectsLength = rejects.Length, Finished = finished, Updated = options.Time.GetUtcNow() };
        stateFile.Write(_state);
    }

    private ImportCounts CountsLocked() => new(
        Math.Max(_linesRead, _state.Line), _state.Stored, _state.Duplicates, _state.Rejected, source.Offset, source.Length, _state.Line, _state.Offset);

    /// <summary>A line read: good (sent, waiting for its acknowledgement) or rejected here (waiting for the lines before it).</summary>
    private sealed class Entry(ParsedLine line, Rejection? rejection)
    {
        public ParsedLine Line { get; } = line;

        public Rejection? Rejection { get; } = rejection;
    }

    private sealed class Outcome
    {
        public long Stored { get; set; }

        public long Duplicates { get; set; }

        public Dictionary<Entry, Rejection> Rejected { get; } = [];
    }

    /// <summary>Handles each acknowledgement on the publisher's own thread, in order (Progress&lt;T&gt; would post it elsewhere).</summary>
    private sealed class Acknowledgements(ImportSender sender) : IProgress<BulkPublishProgress>
    {
        public void Report(BulkPublishProgress value) => sender.Acknowledged(value);
    }
}

/// <summary>How an import sends: chunk size, chunks in flight, reconnects, and the clock.</summary>
internal sealed record SendOptions(string InputPath, int ChunkSize, int ChunksInFlight, ResumeOptions Resume, TimeProvider Time);
