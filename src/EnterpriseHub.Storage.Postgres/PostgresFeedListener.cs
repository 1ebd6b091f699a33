using EnterpriseHub.Core.Feed;
using EnterpriseHub.Storage.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// Wakes this replica's watches when any replica appends facts: each append sends
/// <c>NOTIFY hub_facts</c> at its commit, and this service, holding one connection that listens
/// on that channel, turns every notification into <see cref="FeedSignal.Notify"/>. Credit writes
/// that store alerts send <c>NOTIFY hub_credit</c>, which becomes <see cref="AlertSignal.Notify"/>,
/// and deliveries that store notices send <c>NOTIFY hub_notices</c>, which becomes
/// <see cref="NoticeSignal.Notify"/>. The logs stay the source of truth, so after every (re)connect
/// it notifies all three once too: what was appended while it was away is read by cursor, never lost.
/// </summary>
public sealed class PostgresFeedListener : BackgroundService
{
    /// <summary>The channel every append notifies, with its last sequence as the payload.</summary>
    public const string Channel = Channels.Facts;

    /// <summary>The channel every credit write that stores alerts notifies, with its last alert sequence as the payload.</summary>
    public const string CreditChannel = Channels.Credit;

    /// <summary>The channel every delivery that stores notices notifies, with its last notice sequence as the payload.</summary>
    public const string NoticeChannel = Channels.Notices;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    private readonly string connectionString;
    private readonly FeedSignal signal;
    private readonly AlertSignal alerts;
    private readonly NoticeSignal notices;
    private readonly ILogger<PostgresFeedListener> logger;
    private readonly TimeProvider time;
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PostgresFeedListener(
        IOptions<PostgresStoreOptions> options, FeedSignal signal, AlertSignal alerts, NoticeSignal notices, ILogger<PostgresFeedListener> logger,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Its own unpooled connection: a LISTEN must not travel back into the pool. The keepalive
        // query makes a silently dropped connection fail its wait instead of hanging in it.
        var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString) { Pooling = false };
        builder.ApplicationName ??= "EnterpriseHub feed listener";
        if (builder.KeepAlive == 0)
        {
            builder.KeepAlive = 10;
        }

        connectionString = builder.ConnectionString;
        this.signal = signal;
        this.alerts = alerts;
        this.notices = notices;
        this.logger = logger;
        this.time = time;
    }

    /// <summary>Completes once the first LISTEN is active.</summary>
    public Task Listening => listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        var outage = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) => SignalOf(e.Channel).Notify();
                await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}; LISTEN {CreditChannel}; LISTEN {NoticeChannel};", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }

                PostgresLog.Listening(logger, Channel);
                (outage, retry) = (false, FirstRetry);
                signal.Notify();
                alerts.Notify();
                notices.Notify();
                listening.TrySetResult();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Whatever broke the connection, the listener retries: stopping it would only leave
                // this replica's watches waking by heartbeat.
                if (!outage)
                {
                    PostgresLog.ListenerLost(logger, e);
                    outage = true;
                }
            }

            try
            {
                await Task.Delay(retry, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
        }
    }

    private WakeSignal SignalOf(string channel) => channel switch
    {
        CreditChannel => alerts,
        NoticeChannel => notices,
        _ => signal,
    };
}
