using EnterpriseHub.Client;
using EnterpriseHub.V1;

namespace EnterpriseHub.Web.Notices;

/// <summary>
/// The instance's one <c>WatchNotices</c> stream: from the end when the instance starts (no replay
/// of the delivery log), resumed by the SDK after the last position across hub restarts, each
/// notice handed to <see cref="NoticeFanOut"/>.
/// </summary>
internal sealed partial class NoticeWatcher(HubClient hub, NoticeFanOut fanOut, TimeProvider time, ILogger<NoticeWatcher> logger) : BackgroundService
{
    /// <summary>Set once the stream has been opened (tests wait on it before publishing).</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // The first position of each opened watch is where the buffer starts to be complete;
            // the SDK's own resumptions continue after the last position and lose nothing.
            var opened = false;
            var options = new ResumeOptions
            {
                TimeProvider = time,
                OnPosition = position =>
                {
                    if (!opened)
                    {
                        opened = true;
                        fanOut.StreamOpened(position);
                        Started.TrySetResult();
                    }
                },
            };
            try
            {
                await foreach (var notice in hub.Proactive.WatchNoticesResumableAsync(
                    new WatchNoticesRequest { FromEnd = true, HeartbeatSeconds = 15 }, options, cancellationToken: stoppingToken))
                {
                    fanOut.Publish(notice);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The SDK resumes transient failures itself; anything else (a refusal) is logged
                // and the watch starts again from the end after a pause.
                Log.WatchFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "The notice stream from the hub failed; it starts again")]
        public static partial void WatchFailed(ILogger logger, Exception exception);
    }
}
