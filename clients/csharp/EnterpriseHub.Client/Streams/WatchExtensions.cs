using EnterpriseHub.V1;
using Grpc.Core;

namespace EnterpriseHub.Client;

/// <summary>
/// The hub's four event streams as resumable <see cref="IAsyncEnumerable{T}"/>s: they reconnect with
/// backoff from the last sequence or heartbeat position after a broken connection or a hub
/// restart, so each event arrives once, in order. They end only when the caller stops reading or
/// cancels, or after <see cref="ResumeOptions.MaxConsecutiveFailures"/>; a refusal (a revoked
/// certificate, a quota) is thrown at once.
/// </summary>
public static class WatchExtensions
{
    /// <summary>Facts published after <c>request.AfterSequence</c> that match the filter.</summary>
    public static IAsyncEnumerable<Fact> WatchFactsResumableAsync(
        this FactExchange.FactExchangeClient client, WatchFactsRequest request, ResumeOptions? options = null,
        Metadata? headers = null, CancellationToken cancellationToken = default) =>
        ResumableStream.ReadAsync(
            (after, ct) =>
            {
                var next = request.Clone();
                next.AfterSequence = after;
                return ResumableStream.Responses(client.WatchFacts(next, headers, cancellationToken: ct), ct);
            },
            response => response.EventCase == WatchFactsResponse.EventOneofCase.Fact
                ? (response.Fact.Sequence, response.Fact)
                : (response.Heartbeat.Position, null),
            request.AfterSequence, options ?? ResumeOptions.Default, cancellationToken);

    /// <summary>
    /// A named subscription's facts from just after its last acknowledgement. The hub sends
    /// unacknowledged events again after a reconnect; this stream drops the ones already yielded.
    /// Acknowledge with <c>AckSubscriptionAsync</c> once processed.
    /// </summary>
    public static IAsyncEnumerable<Fact> ReadSubscriptionResumableAsync(
        this FactExchange.FactExchangeClient client, ReadSubscriptionRequest request, ResumeOptions? options = null,
        Metadata? headers = null, CancellationToken cancellationToken = default) =>
        ResumableStream.ReadAsync(
            (_, ct) => ResumableStream.Responses(client.ReadSubscription(request, headers, cancellationToken: ct), ct),
            response => response.EventCase == ReadSubscriptionResponse.EventOneofCase.Fact
                ? (response.Fact.Sequence, response.Fact)
                : (response.Heartbeat.Position, null),
            0, options ?? ResumeOptions.Default, cancellationToken);

    /// <summary>Credit level changes after <c>request.AfterSequence</c>.</summary>
    public static IAsyncEnumerable<RiskAlert> WatchRiskAlertsResumableAsync(
        this CreditMonitor.CreditMonitorClient client, WatchRiskAlertsRequest request, ResumeOptions? options = null,
        Metadata? headers = null, CancellationToken cancellationToken = default) =>
        ResumableStream.ReadAsync(
            (after, ct) =>
            {
                var next = request.Clone();
                next.AfterSequence = after;
                return ResumableStream.Responses(client.WatchRiskAlerts(next, headers, cancellationToken: ct), ct);
            },
            response => response.EventCase == WatchRiskAlertsResponse.EventOneofCase.Alert
                ? (response.Alert.Sequence, response.Alert)
                : (response.Heartbeat.Position, null),
            request.AfterSequence, options ?? ResumeOptions.Default, cancellationToken);

    /// <summary>
    /// Notice deliveries after <c>request.AfterSequence</c>; with <c>request.FromEnd</c>, from the
    /// newest delivery when the stream opens, resumed after the position its first heartbeat names.
    /// </summary>
    public static IAsyncEnumerable<Notice> WatchNoticesResumableAsync(
        this ProactiveService.ProactiveServiceClient client, WatchNoticesRequest request, ResumeOptions? options = null,
        Metadata? headers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Once the hub has named a position, resume after it even when it is 0: from the end again
        // would skip what was delivered while the stream was down.
        var positioned = false;
        return ResumableStream.ReadAsync(
            (after, ct) =>
            {
                var next = request.Clone();
                next.AfterSequence = after;
                next.FromEnd = request.FromEnd && !positioned;
                return ResumableStream.Responses(client.WatchNotices(next, headers, cancellationToken: ct), ct);
            },
            response =>
            {
                positioned = true;
                return response.EventCase == WatchNoticesResponse.EventOneofCase.Notice
                    ? (response.Notice.Sequence, response.Notice)
                    : (response.Heartbeat.Position, null);
            },
            request.AfterSequence, options ?? ResumeOptions.Default, cancellationToken);
    }
}
