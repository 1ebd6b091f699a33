using System.CommandLine;
using System.Text;
using EnterpriseHub.Cli.Audit;
using EnterpriseHub.Cli.Cli;
using EnterpriseHub.Transparency.Notes;
using Google.Protobuf.WellKnownTypes;

namespace EnterpriseHub.Cli.Commands;

/// <summary>
/// <c>hubctl audit check FILE --log-key VKEYFILE [--witness VKEYFILE]... [--quorum K]</c>: verifies a
/// proof file offline (no hub, no certificates) and prints the record it proves and the checkpoint
/// that vouches for it; exit 1 with one line naming the step that failed.
/// </summary>
/// <remarks>
/// The quorum defaults to every witness named: whoever lists a witness on the command line expects
/// it to have seen the checkpoint, and a smaller k is a choice to state (<c>--quorum</c>). Without
/// witnesses the quorum is 0 and only the log's signature stands behind the checkpoint.
/// </remarks>
internal static class AuditCheckCommand
{
    /// <summary>Far above any real proof file: a proof of a 2^63-leaf tree and a note of 100 signatures.</summary>
    private const int MaxFileSize = 2 * Note.MaxSize;

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A .tlog-proof file, as 'hubctl audit prove' writes it." };
        var logKeys = new Option<string[]>("--log-key")
        {
            Description = "The log's vkey file (repeat during a key rotation: one of them must have signed the checkpoint).",
            Required = true,
            HelpName = "VKEYFILE",
        };
        var witnesses = new Option<string[]>("--witness")
        {
            Description = "A witness's vkey file (repeat for several).",
            DefaultValueFactory = _ => [],
            HelpName = "VKEYFILE",
        };
        var quorum = new Option<int?>("--quorum") { Description = "How many of the witnesses must have cosigned: all of them when absent; 0 only without --witness.", HelpName = "K" };
        var command = new Command("check", "Verifies a proof file offline: the log's signature, the witnesses' cosignatures, the inclusion proof; prints the record.")
        {
            file, logKeys, witnesses, quorum,
        };
        context.Handle(command, (run, _) =>
        {
            var logs = run.Value(logKeys)!.Select(VerifierKeyFiles.Log).ToList();
            var policy = Policy([.. run.Value(witnesses)!.Select(VerifierKeyFiles.Witness)], run.Value(quorum));
            if (Read(run.Value(file)!) is not { } text)
            {
                return Task.FromResult(Failures.NotProven("bad file", "the file is not UTF-8 text, or larger than any proof file", run.Output));
            }

            try
            {
                Print(ProofFileCheck.Check(text, logs, policy), run.Output);
                return Task.FromResult(ExitCodes.Done);
            }
            catch (ProofCheckException failure)
            {
                return Task.FromResult(Failures.NotProven(failure.Step, failure.Message, run.Output));
            }
        });
        return command;
    }

    /// <summary>The witness policy the flags ask for; null when no witness is named.</summary>
    private static WitnessPolicy? Policy(List<CosignatureVerifier> witnesses, int? quorum)
    {
        if (witnesses.Count == 0)
        {
            return quorum is null or 0 ? null : throw new CliUsageException($"--quorum {quorum} needs at least {quorum} witness keys (--witness VKEYFILE).");
        }

        var k = quorum ?? witnesses.Count;
        if (k < 1 || k > witnesses.Count)
        {
            throw new CliUsageException($"--quorum must be from 1 to the {witnesses.Count} witnesses given, not {k} (0 only without --witness).");
        }

        if (witnesses.GroupBy(w => (w.Name, w.KeyId)).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new CliUsageException($"The witness key {twice.Key.Name}+{NoteText.Hex(twice.Key.KeyId)} is given twice.");
        }

        return new WitnessPolicy(witnesses, k);
    }

    /// <summary>The file's text; null when it is not strict UTF-8 or too large. A file that cannot be read is a usage error.</summary>
    private static string? Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxFileSize)
            {
                return null;
            }

            return NoteText.StrictUtf8.GetString(File.ReadAllBytes(path));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"Cannot read {path}: {exception.Message}");
        }
    }

    private static void Print(ProvenRecord proven, Output output)
    {
        var record = proven.Record;
        var checkpoint = proven.Checkpoint;
        var time = Text.Time(Timestamp.FromDateTimeOffset(record.Time));
        var logKey = $"{proven.LogKey.Name}+{NoteText.Hex(proven.LogKey.KeyId)}";
        if (output.IsJson)
        {
            output.Json(json =>
            {
                json.WriteBoolean("proven", true);
                json.WriteNumber("sequence", record.Sequence);
                json.WriteString("time", time);
                json.WriteString("caller", record.Caller);
                json.WriteString("officerId", record.OfficerId);
                json.WriteString("action", record.Action);
                Strings(json, "enterprises", record.Enterprises);
                Strings(json, "factTypes", record.FactTypes);
                json.WriteString("purpose", record.Purpose);
                json.WriteString("outcome", record.Outcome);
                json.WriteString("requestId", record.RequestId);
                json.WriteString("correlationId", record.CorrelationId);
                json.WriteString("origin", checkpoint.Origin);
                json.WriteNumber("treeSize", checkpoint.Size);
                json.WriteString("rootHash", Convert.ToBase64String(checkpoint.RootHash));
                json.WriteString("logKey", logKey);
                Strings(json, "cosignedBy", proven.Cosigners);
                json.WriteNumber("quorum", proven.Quorum);
                Strings(json, "notChecked", proven.Unchecked);
            });
            return;
        }

        output.Console.Write(Output.Pairs(
            ("proven", $"yes: record {Text.Number(record.Sequence)} is in the log of {Text.Number(checkpoint.Size)} records"),
            ("sequence", Text.Number(record.Sequence)), ("time", time), ("caller", record.Caller), ("officer", record.OfficerId),
            ("action", record.Action), ("enterprises", Text.Join(record.Enterprises)), ("fact types", Text.Join(record.FactTypes)),
            ("purpose", record.Purpose), ("outcome", record.Outcome), ("request id", record.RequestId), ("correlation id", record.CorrelationId),
            ("origin", checkpoint.Origin), ("tree size", Text.Number(checkpoint.Size)), ("root hash", Convert.ToBase64String(checkpoint.RootHash)),
            ("log key", logKey),
            ("cosigned by", proven.Quorum == 0 ? "no witness required" : $"{Text.Join(proven.Cosigners)} ({proven.Cosigners.Count}; {proven.Quorum} required)"),
            ("not checked", Text.Join(proven.Unchecked))));
    }

    private static void Strings(System.Text.Json.Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
