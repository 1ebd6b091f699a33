using System.CommandLine;
using EnterpriseHub.Cli.Cli;
using EnterpriseHub.Client;
using EnterpriseHub.Transparency.Notes;
using EnterpriseHub.V1;
using Grpc.Core;

namespace EnterpriseHub.Cli.Commands;

/// <summary>
/// <c>hubctl audit checkpoint [--log-key VKEYFILE]</c>: the latest signed checkpoint, verbatim; and
/// <c>hubctl audit prove SEQUENCE [--out FILE]</c>: one record's proof against it, saved as a
/// c2sp.org/tlog-proof@v1 file that <c>hubctl audit check</c> verifies offline.
/// </summary>
internal static class AuditProveCommand
{
    /// <summary>The reason the hub gives for a record newer than its latest signed checkpoint.</summary>
    private const string NotInCheckpoint = "RECORD_NOT_IN_CHECKPOINT";

    public static Command CheckpointCommand(CliContext context)
    {
        var logKey = Flags.Text("--log-key", "The log's vkey file: print the checkpoint only when its signature holds and its origin is under the key's name.");
        var command = new Command("checkpoint", "Prints the latest signed checkpoint of the audit log exactly as signed, with its witnesses' cosignatures, to save and compare.")
        {
            logKey,
        };
        context.Handle(command, async (run, cancellationToken) =>
        {
            // The key file is read before anything is sent: a wrong path is a usage error.
            var verifier = run.Value(logKey) is { Length: > 0 } path ? VerifierKeyFiles.Log(path) : null;
            var reply = await run.Hub.Audit.GetCheckpointAsync(new GetCheckpointRequest(), cancellationToken: cancellationToken);
            if (verifier is not null)
            {
                try
                {
                    Checkpoint.Open(reply.Note, verifier);
                }
                catch (Exception exception) when (exception is NoteFormatException or NoteSignatureException)
                {
                    return Failures.NotProven("log key", exception.Message, run.Output);
                }
            }

            if (run.Output.IsJson)
            {
                run.Output.Json(reply);
            }
            else
            {
                run.Output.Stdout.Write(reply.Note);
            }

            return ExitCodes.Done;
        });
        return command;
    }

    public static Command ProveCommand(CliContext context)
    {
        var sequence = new Argument<long>("SEQUENCE") { Description = "The audit record's sequence (1 for the first)." };
        var file = Flags.Text("--out", "The proof file to write; audit-SEQUENCE.tlog-proof when absent. Never overwritten.");
        var actingFor = Flags.ActingFor();
        var command = new Command(
            "prove",
            "Saves the proof that an audit record is in the log, against the latest signed checkpoint, as a c2sp.org/tlog-proof file (for the portal with --acting-for and --officer, the department whose action it is, admins).")
        {
            sequence, file, actingFor,
        };
        context.Handle(command, async (run, cancellationToken) =>
        {
            var number = run.Value(sequence);
            var path = run.Value(file) is { Length: > 0 } given ? given : $"audit-{Text.Number(number)}.tlog-proof";
            NewFile.EnsureAbsent(path);
            GetInclusionProofResponse reply;
            try
            {
                reply = await run.Hub.Audit.GetInclusionProofAsync(
                    new GetInclusionProofRequest { Sequence = number, TreeSize = 0, ActingFor = run.Value(actingFor), OfficerId = run.Connection.Officer ?? string.Empty },
                    cancellationToken: cancellationToken);
            }
            catch (RpcException exception) when (exception.ToHubError() is { Code: StatusCode.FailedPrecondition, Reason: NotInCheckpoint } error)
            {
                return Failures.Refusal(
                    error with { Message = $"record {number} is newer than the latest signed checkpoint: try again after the next checkpoint ({error.Message})" },
                    run.Output);
            }

            var text = new TlogProof(reply.LeafIndex, reply.Leaf.ToByteArray(), [.. reply.Hashes.Select(h => h.ToByteArray())], reply.Checkpoint).Format();
            Checkpoint checkpoint;
            try
            {
                // Parsed back before it is saved: the hub's reply must make a file that check can read.
                checkpoint = Checkpoint.Parse(Note.Parse(TlogProof.Parse(text).CheckpointNote).Text);
            }
            catch (NoteFormatException exception)
            {
                return Failures.NotProven("reply", $"the hub's proof and checkpoint do not make a proof file: {exception.Message}", run.Output);
            }

            NewFile.Write(path, text);
            if (run.Output.IsJson)
            {
                run.Output.Json(json =>
                {
                    json.WriteString("file", path);
                    json.WriteNumber("sequence", reply.Sequence);
                    json.WriteString("origin", checkpoint.Origin);
                    json.WriteNumber("treeSize", checkpoint.Size);
                });
            }
            else
            {
                run.Output.Say($"wrote {path}: record {Text.Number(reply.Sequence)} in the checkpoint of {Text.Number(checkpoint.Size)} records of {checkpoint.Origin}");
            }

            return ExitCodes.Done;
        });
        return command;
    }
}
