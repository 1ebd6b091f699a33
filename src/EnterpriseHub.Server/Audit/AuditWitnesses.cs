using System.Globalization;
using System.Net;
using System.Text;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Transparency.Notes;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Server.Audit;

/// <summary>
/// Sends signed checkpoints to the configured witnesses (c2sp.org/tlog-witness <c>add-checkpoint</c>)
/// and keeps the cosignatures they return. Each request carries the consistency proof from the size
/// the witness last cosigned; a witness that holds another size says so (409) and is asked once more
/// from its size. A witness that refuses the checkpoint as inconsistent with what it saw has caught
/// the log's history changing, and that is logged as critical. Witnesses that do not answer are
/// asked again with the next checkpoint.
/// </summary>
internal sealed partial class AuditWitnesses : IDisposable
{
    private const int MaxReply = 64 * 1024;

    private readonly IAuditStore store;
    private readonly ILogger<AuditWitnesses> logger;
    private readonly IReadOnlyList<(Uri Endpoint, CosignatureVerifier Verifier)> witnesses;
    private readonly HttpClient http;

    public AuditWitnesses(IAuditStore store, IOptions<AuditOptions> options, ILogger<AuditWitnesses> logger)
    {
        this.store = store;
        this.logger = logger;
        witnesses = [.. options.Value.Witnesses.Select(w => (new Uri(w.Url.TrimEnd('/') + "/add-checkpoint"), w.Verifier))];
        // A witness's answer is a few signature lines; a larger one is refused rather than held in memory.
        http = new HttpClient { Timeout = TimeSpan.FromSeconds(options.Value.WitnessTimeoutSeconds), MaxResponseContentBufferSize = MaxReply };
    }

    /// <summary>Sends <paramref name="checkpoint"/> to every witness that has not cosigned it yet.</summary>
    public async Task SendAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        foreach (var (endpoint, verifier) in witnesses.Where(w => checkpoint.Cosignatures.All(c => c.Witness != w.Verifier.Name)))
        {
            try
            {
                await SendAsync(checkpoint, endpoint, verifier, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                Unreachable(logger, verifier.Name, endpoint, e.Message);
            }
        }
    }

    public void Dispose() => http.Dispose();

    private async Task SendAsync(StoredCheckpoint checkpoint, Uri endpoint, CosignatureVerifier verifier, CancellationToken cancellationToken)
    {
        var body = checkpoint.Body;
        var old = await store.ReadCosignedSizeAsync(verifier.Name, cancellationToken);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (old > body.Size)
            {
                Ahead(logger, verifier.Name, body.Origin, old, body.Size);
                return;
            }

            var proof = old == 0 ? [] : await store.ReadConsistencyProofAsync(old, body.Size, cancellationToken);
            var request = new StringBuilder().Append(CultureInfo.InvariantCulture, $"old {old}\n");
            foreach (var hash in proof)
            {
                request.Append(Convert.ToBase64String(hash)).Append('\n');
            }

            request.Append('\n').Append(checkpoint.Note);
            using var content = new StringContent(request.ToString(), Encoding.UTF8, "text/plain");
            using var response = await http.PostAsync(endpoint, content, cancellationToken);
            var reply = await response.Content.ReadAsStringAsync(cancellationToken);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    await KeepAsync(checkpoint, verifier, reply, cancellationToken);
                    return;
                case HttpStatusCode.Conflict when long.TryParse(reply.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var theirs) && theirs != old:
                    old = theirs;
                    continue;
                case HttpStatusCode.UnprocessableEntity:
                    Refused(logger, verifier.Name, body.Origin, body.Size, old, FirstLine(reply));
                    return;
                default:
                    Failed(logger, verifier.Name, body.Origin, body.Size, (int)response.StatusCode, FirstLine(reply));
                    return;
            }
        }
    }

    /// <summary>Keeps the witness's cosignature line once it verifies over the checkpoint; anything else in the reply is ignored.</summary>
    private async Task KeepAsync(StoredCheckpoint checkpoint, CosignatureVerifier verifier, string reply, CancellationToken cancellationToken)
    {
        foreach (var line in reply.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                var (_, verified) = Note.Open(checkpoint.Note + line + "\n", [verifier]);
                if (verified.Count == 1)
                {
                    await store.AddCosignatureAsync(checkpoint.Body.Size, verifier.Name, line + "\n", cancellationToken);
                    Cosigned(logger, verifier.Name, checkpoint.Body.Origin, checkpoint.Body.Size);
                    return;
                }
            }
            catch (Exception e) when (e is NoteFormatException or NoteSignatureException)
            {
                // Not a cosignature of this witness over this checkpoint: look at the next line.
            }
        }

        BadCosignature(logger, verifier.Name, checkpoint.Body.Origin, checkpoint.Body.Size);
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0];
        return line.Length > 200 ? line[..200] : line;
    }

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "Witness {Witness} cosigned audit checkpoint {Origin} at size {TreeSize}")]
    private static partial void Cosigned(ILogger logger, string witness, string origin, long treeSize);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Critical,
        Message = "Witness {Witness} refused audit checkpoint {Origin} at size {TreeSize}: it is not consistent with the log of {WitnessedSize} records the witness cosigned ({Reason}). The audit log's history was changed")]
    private static partial void Refused(ILogger logger, string witness, string origin, long treeSize, long witnessedSize, string reason);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Critical,
        Message = "Witness {Witness} has cosigned audit log {Origin} at size {WitnessedSize}, beyond the log's {TreeSize} records: records were removed from the store")]
    private static partial void Ahead(ILogger logger, string witness, string origin, long witnessedSize, long treeSize);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Error, Message = "Witness {Witness} answered {Status} to audit checkpoint {Origin} at size {TreeSize}: {Reason}")]
    private static partial void Failed(ILogger logger, string witness, string origin, long treeSize, int status, string reason);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Error, Message = "Witness {Witness} returned no valid cosignature of audit checkpoint {Origin} at size {TreeSize}")]
    private static partial void BadCosignature(ILogger logger, string witness, string origin, long treeSize);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "Witness {Witness} at {Endpoint} did not answer: {Error}; the next checkpoint goes to it again")]
    private static partial void Unreachable(ILogger logger, string witness, Uri endpoint, string error);
}
