using EnterpriseHub.Transparency;
using EnterpriseHub.Transparency.Notes;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Witness;

/// <summary>What the witness answers: the HTTP status, the body and its media type.</summary>
internal sealed record WitnessReply(int Status, string Body, string ContentType = "text/plain; charset=utf-8");

/// <summary>
/// The add-checkpoint rules of c2sp.org/tlog-witness: verify the log's signature, check the old
/// size against the latest cosigned checkpoint, verify consistency from it, then record the new
/// state (compare-and-swap) and only then cosign.
/// </summary>
internal sealed class CheckpointWitness(IOptions<WitnessOptions> options, WitnessStore store, CosignatureSigner signer, ILogger<CheckpointWitness> logger)
{
    private readonly Dictionary<string, INoteVerifier> _logs =
        options.Value.Logs.ToDictionary(l => l.Origin, INoteVerifier (l) => Ed25519NoteVerifier.FromVerifierKey(l.VerifierKey));

    public WitnessReply Add(string body)
    {
        AddCheckpointRequest request;
        try
        {
            request = AddCheckpointRequest.Parse(body);
        }
        catch (NoteFormatException e)
        {
            return new(StatusCodes.Status400BadRequest, e.Message + "\n");
        }

        var checkpoint = request.Checkpoint;
        if (!_logs.TryGetValue(checkpoint.Origin, out var log))
        {
            return new(StatusCodes.Status404NotFound, "unknown origin\n");
        }

        try
        {
            Checkpoint.Open(request.CheckpointNote, log);
        }
        catch (NoteSignatureException e)
        {
            WitnessLog.Refused(logger, checkpoint.Origin, checkpoint.Size, StatusCodes.Status403Forbidden);
            return new(StatusCodes.Status403Forbidden, e.Message + "\n");
        }

        if (request.OldSize > checkpoint.Size)
        {
            return new(StatusCodes.Status400BadRequest, "the old size is larger than the checkpoint's\n");
        }

        var seen = store.Get(checkpoint.Origin);
        if (request.OldSize != seen.Size)
        {
            return Conflict(seen);
        }

        if (Inconsistent(request, seen) is { } reason)
        {
            WitnessLog.Refused(logger, checkpoint.Origin, checkpoint.Size, StatusCodes.Status422UnprocessableEntity);
            return new(StatusCodes.Status422UnprocessableEntity, reason + "\n");
        }

        if (!store.TryAdvance(checkpoint.Origin, seen, new(checkpoint.Size, checkpoint.RootHash)))
        {
            return Conflict(store.Get(checkpoint.Origin));
        }

        WitnessLog.Cosigned(logger, checkpoint.Origin, checkpoint.Size);
        return new(StatusCodes.Status200OK, Note.Sign(checkpoint.Format(), signer).Signatures[0].Format() + "\n");
    }

    private static WitnessReply Conflict(WitnessedState seen) =>
        new(StatusCodes.Status409Conflict, seen.Size + "\n", "text/x.tlog.size");

    private static string? Inconsistent(AddCheckpointRequest request, WitnessedState seen)
    {
        var checkpoint = request.Checkpoint;
        if (checkpoint.Size == 0 && !checkpoint.RootHash.AsSpan().SequenceEqual(MerkleHash.EmptyRoot()))
        {
            return "a checkpoint of size 0 must have the empty tree's root";
        }

        if (seen.Size == 0)
        {
            // Every tree extends the empty one, so there is nothing to prove.
            return request.Proof.Count == 0 ? null : "a proof from size 0 must be empty";
        }

        try
        {
            MerkleVerifier.VerifyConsistency(seen.Size, checkpoint.Size, request.Proof, seen.Root, checkpoint.RootHash);
            return null;
        }
        catch (MerkleProofException e)
        {
            return e.Message;
        }
    }
}

/// <summary>The witness's log messages.</summary>
internal static partial class WitnessLog
{
    [LoggerMessage(1, LogLevel.Information, "Cosigned {Origin} at size {Size}")]
    public static partial void Cosigned(ILogger logger, string origin, long size);

    [LoggerMessage(2, LogLevel.Warning, "Refused a checkpoint of {Origin} at size {Size} with status {Status}")]
    public static partial void Refused(ILogger logger, string origin, long size, int status);
}
