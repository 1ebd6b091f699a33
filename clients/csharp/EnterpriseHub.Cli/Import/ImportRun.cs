using EnterpriseHub.Cli.Cli;
using EnterpriseHub.Client;
using Grpc.Core;

namespace EnterpriseHub.Cli.Import;

/// <summary>
/// One <c>hubctl import</c>: picks up the state beside the input (refusing another file's), checks
/// every line locally, and either lists the problems (<c>--check</c>) or sends the good lines and
/// settles every line as stored, duplicate or rejected. Exit codes: 0 all stored, 4 some rejected,
/// 130 interrupted (resumable), 3 the hub stayed away (resumable), 2 bad input or command line.
/// </summary>
internal sealed class ImportRun(CommandRun run, ImportRequest request, TimeProvider time)
{
    private Output Output => run.Output;

    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(request.Path))
        {
            throw new CliUsageException($"There is no file '{request.Path}'.");
        }

        var stateFile = new ImportStateFile(request.Path);
        var rejectsPath = request.Path + ".rejects.jsonl";
        var identity = InputIdentity.Of(request.Path);
        var state = request.CheckOnly ? null : Resume(stateFile, identity, rejectsPath);
        if (state is { Finished: true })
        {
            Output.Stderr.WriteLine($"already imported: {request.Path} (run with --restart to send it again)");
            ImportSummary.Show(Output, "already_imported", request.Path, Counts(state, identity), rejectsPath, stateFile.Path);
            return ExitCodes.Done;
        }

        var catalog = await TypeCatalog.LoadAsync(run.Hub, cancellationToken);
        var checker = new FactChecker(catalog, CallerIdentity.DepartmentOf(run.Connection.Cert!));
        state ??= new ImportState { InputLength = identity.Length, InputHeadSha256 = identity.HeadSha256 };
        using var source = FactSource.Open(
            request.Path, request.Format, request.SkipLocalCheck ? new FactChecker(catalog, checker.Department, skip: true) : checker,
            catalog, request.Type, state.Offset, state.Line, out var headerProblems);
        if (source is null)
        {
            return HeaderRefused(headerProblems);
        }

        return request.CheckOnly
            ? Check(source)
            : await SendAsync(source, stateFile, state, rejectsPath, cancellationToken);
    }

    private ImportState? Resume(ImportStateFile stateFile, InputIdentity identity, string rejectsPath)
    {
        if (request.Restart)
        {
            stateFile.Delete();
            File.Delete(rejectsPath);
            return null;
        }

        var state = stateFile.Read();
        if (state is not null && !state.IsFor(identity))
        {
            throw new CliUsageException(
                $"The import state '{stateFile.Path}' belongs to another file (its size or first bytes differ from '{request.Path}'); "
                + "run with --restart to import this file from the start.");
        }

        if (state is { Line: > 0, Finished: false })
        {
            Output.Stderr.WriteLine($"resuming {request.Path} after line {state.Line}");
        }

        return state;
    }

    private int Check(FactSource source)
    {
        long lines = 0, bad = 0;
        while (source.TryRead(out var line))
        {
            lines = line.Line.Number;
            if (line.IsGood)
            {
                continue;
            }

            bad++;
            foreach (var problem in line.Problems)
            {
                if (Output.IsJson)
                {
                    Output.Json(json =>
                    {
                        json.WriteNumber("line", line.Line.Number);
                        json.WriteString("field", problem.Field);
                        json.WriteString("description", problem.Description);
                    });
                }
                else
                {
                    Output.Stdout.WriteLine($"line {line.Line.Number}: {(problem.Field.Length > 0 ? problem.Field + ": " : string.Empty)}{problem.Description}");
                }
            }
        }

        ImportSummary.Show(Output, bad > 0 ? "problems" : "valid", request.Path, new ImportCounts(lines, 0, 0, bad, source.Offset, source.Length, lines, source.Offset), null, null);
        return bad > 0 ? ExitCodes.Rejected : ExitCodes.Done;
    }

    private async Task<int> SendAsync(FactSource source, ImportStateFile stateFile, ImportState state, string rejectsPath, CancellationToken cancellationToken)
    {
        using var rejects = new RejectsFile(request.Path, state.RejectsLength);
        var options = new SendOptions(
            request.Path, request.ChunkSize, request.ChunksInFlight,
            ResumeOptions.Default with
            {
                MaxConsecutiveFailures = request.Reconnects,
                TimeProvider = time,
                OnReconnect = (_, error) => Output.Stderr.WriteLine(
                    $"import: the stream broke ({(error is null ? "closed" : RefusalTriage.StatusName(error.Code))}); reconnecting and resending the unacknowledged chunks"),
            },
            time);
        ImportSender? sender = null;
        try
        {
            var counts = await ImportProgress.RunAsync(Output, time, source.Length, progress =>
            {
                sender = new ImportSender(run.Hub, source, rejects, stateFile, state, options) { Progress = progress };
                return sender.RunAsync(cancellationToken);
            });
            var status = counts.Rejected > 0 ? "finished_with_rejects" : "finished";
            if (counts.Rejected > 0)
            {
                Output.Stderr.WriteLine($"{counts.Rejected} lines rejected; see {rejects.Path}");
            }

            ImportSummary.Show(Output, status, request.Path, counts, rejects.Path, stateFile.Path);
            return counts.Rejected > 0 ? ExitCodes.Rejected : ExitCodes.Done;
        }
        catch (Exception exception) when (sender is not null && cancellationToken.IsCancellationRequested
            && exception is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            var counts = sender.SaveSettled();
            Output.Stderr.WriteLine($"interrupted at line {counts.Line}; run the same command to resume");
            ImportSummary.Show(Output, "interrupted", request.Path, counts, rejects.Path, stateFile.Path);
            return ExitCodes.Interrupted;
        }
        catch (RpcException exception) when (sender is not null)
        {
            var counts = sender.SaveSettled();
            Output.Stderr.WriteLine(exception.ToHubError().IsTransient
                ? $"the hub stayed unavailable; stopped at line {counts.Line}; run the same command to resume"
                : $"stopped at line {counts.Line}");
            throw;
        }
    }

    private int HeaderRefused(IReadOnlyList<LineProblem> problems)
    {
        if (request.CheckOnly)
        {
            foreach (var problem in problems)
            {
                Output.Stdout.WriteLine($"line 1: {problem.Field}: {problem.Description}");
            }

            return ExitCodes.Rejected;
        }

        throw new CliUsageException("The CSV header is not usable; nothing was sent.", [.. problems.Select(p => (p.Field, p.Description))]);
    }

    private static ImportCounts Counts(ImportState state, InputIdentity identity) =>
        new(state.Line, state.Stored, state.Duplicates, state.Rejected, identity.Length, identity.Length, state.Line, state.Offset);
}
