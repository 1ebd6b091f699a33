using EnterpriseHub.V1;
using Grpc.Core;

namespace EnterpriseHub.Client;

/// <summary>Bulk publishing over <c>PublishFactStream</c>.</summary>
public static class BulkPublishExtensions
{
    /// <summary>
    /// Publishes the facts in chunks over one stream, a few chunks ahead of their acknowledgements,
    /// reporting progress after each acknowledgement. After a broken stream it reopens one and
    /// resends from the first unacknowledged chunk (harmless: publishing is idempotent on
    /// <c>source_record_id</c>). A refused chunk ends the load with its error; the chunks
    /// acknowledged before it stay stored. The facts are read lazily, a window at a time.
    /// </summary>
    public static Task<BulkPublishProgress> PublishBulkAsync(
        this FactExchange.FactExchangeClient client, IEnumerable<FactDraft> facts, BulkPublishOptions? options = null,
        IProgress<BulkPublishProgress>? progress = null, Metadata? headers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new BulkPublisher(
            ct => client.PublishFactStream(headers, cancellationToken: ct), options ?? new BulkPublishOptions(), progress)
            .RunAsync(facts, cancellationToken);
    }
}
