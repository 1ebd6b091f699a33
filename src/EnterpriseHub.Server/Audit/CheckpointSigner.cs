using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Feed;
using EnterpriseHub.Transparency.Notes;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Server.Audit;

/// <summary>
/// Signs the audit log's checkpoints: every <see cref="AuditOptions.CheckpointSeconds"/>, when the
/// tree has grown since the latest signed checkpoint, signs one of the tree as it stands (c2sp.org
/// tlog-checkpoint, origin <c>&lt;key name&gt;/&lt;log id&gt;</c>), stores it, then sends it to the
/// witnesses. Of several hubs on one store, only the one holding the signer's lease signs. Appends
/// never wait on any of this.
/// </summary>
internal sealed partial class CheckpointSigner(
    IAuditStore store, Ed25519NoteSigner key, AuditWitnesses witnesses, TimeProvider time, IOptions<AuditOptions> options, ILogger<CheckpointSigner> logger)
    : BackgroundService
{
    private readonly LeaseFlag lease = new();

    /// <summary>The origin of every checkpoint this store's log signs.</summary>
    public string Origin => $"{key.Name}/{store.LogId}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Leadership.RunAsync(store.TryLeadCheckpointsAsync, LeadAsync, kind => SteppedDown(logger, kind), e => Failed(logger, e), time, lease, stoppingToken);

    private async Task LeadAsync(CancellationToken cancellationToken)
    {
        Leading(logger, Origin);
        while (true)
        {
            if (await SignAsync(cancellationToken) is { } latest)
            {
                await witnesses.SendAsync(latest, cancellationToken);
            }

            // A one-shot wait, not a periodic timer: a clock moved on by a year wakes it once, not once per interval.
            await Task.Delay(TimeSpan.FromSeconds(options.Value.CheckpointSeconds), time, cancellationToken);
        }
    }

    /// <summary>The latest checkpoint after signing one if the tree grew; null when the log is empty and none was ever signed.</summary>
    private async Task<StoredCheckpoint?> SignAsync(CancellationToken cancellationToken)
    {
        var latest = await store.ReadCheckpointAsync(null, cancellationToken);
        var size = (await store.ReadHeadAsync(cancellationToken)).Sequence;
        var signedSize = latest?.Body.Size ?? 0;
        if (size < signedSize)
        {
            // Records the log's key signed for are gone: say so at every look, sign nothing smaller.
            Truncated(logger, Origin, size, signedSize);
            return latest;
        }

        if (size == signedSize)
        {
            return latest;
        }

        var root = await store.ReadTreeRootAsync(size, cancellationToken);
        var note = new Checkpoint(Origin, size, root).Sign(key).Format();
        if (await store.AddCheckpointAsync(size, time.GetUtcNow(), note, cancellationToken))
        {
            Signed(logger, Origin, size, Convert.ToBase64String(root));
        }

        return await store.ReadCheckpointAsync(null, cancellationToken);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Signed audit checkpoint {Origin} at size {TreeSize}, root {RootHash}")]
    private static partial void Signed(ILogger logger, string origin, long treeSize, string rootHash);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Signing the audit log's checkpoints as {Origin}")]
    private static partial void Leading(ILogger logger, string origin);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Critical,
        Message = "The audit log {Origin} holds {TreeSize} records, fewer than its signed checkpoint of {SignedSize}: records were removed from the store")]
    private static partial void Truncated(ILogger logger, string origin, long treeSize, long signedSize);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "The checkpoint signer stood down after {Error}; it asks for the lease again")]
    private static partial void SteppedDown(ILogger logger, string error);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Error, Message = "The checkpoint signer failed; it asks for the lease again")]
    private static partial void Failed(ILogger logger, Exception exception);
}
