namespace EnterpriseHub.Server.Quotas;

/// <summary>
/// The kinds of call a caller's rate limits are kept for: each identity has one token bucket per
/// kind, so a department exhausting its lookups can still publish, and its watches do not eat
/// into its reads. <see cref="QuotaTable"/> gives every method its kind.
/// </summary>
internal enum QuotaKind
{
    /// <summary>Lookups, searches, history, profiles, lists: one token per call.</summary>
    Read,

    /// <summary>PublishFacts and PublishFactStream: one token per request message, that is per batch or chunk.</summary>
    Publish,

    /// <summary>Opening a server stream (fact watches, subscription reads, risk alerts, deliveries): one token per stream opened.</summary>
    Watch,

    /// <summary>Changes and rare costly calls: catalog changes, grants, policies and their previews, objections, forms submissions, chain verification.</summary>
    Change,

    /// <summary>Health checks and server reflection: one token per call or reflection request.</summary>
    Probe,
}
