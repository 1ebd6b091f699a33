using EnterpriseHub.Core.Audit;

namespace EnterpriseHub.Server.Audit;

/// <summary>
/// Writes the audit chain's head (sequence and hash) to the log at start, periodically and at
/// stop, so that an outside party holding the log can hold the hub to its history: a record
/// removed from the end after a checkpoint no longer matches it.
/// </summary>
internal sealed partial class AuditCheckpoints(IAuditStore store, TimeProvider time, ILogger<AuditCheckpoints> logger, Microsoft.Extensions.Options.IOptions<AuditOptions> options)
    : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Write();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.CheckpointIntervalMinutes), time);
        while (await Tick(timer, stoppingToken))
        {
            Write();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Write();
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Write()
    {
        var head = store.Head;
        Checkpoint(logger, head.Sequence, head.Hash);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Audit checkpoint: head {AuditSequence} {AuditHash}")]
    private static partial void Checkpoint(ILogger logger, long auditSequence, string auditHash);
}

