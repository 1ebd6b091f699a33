using System.Text.RegularExpressions;
using EnterpriseHub.Core.Errors;
using EnterpriseHub.Core.Lookup;

namespace EnterpriseHub.Core.Feed;

/// <summary>Named subscriptions with server-kept cursors: created once, read as watches from the last acknowledgement.</summary>
public sealed partial class SubscriptionService(ISubscriptionStore store, FactFeed feed, TimeProvider time)
{
    public async Task<SubscriptionRecord> CreateAsync(
        ReadContext context, string name, WatchRequest request, CancellationToken cancellationToken)
    {
        var violations = feed.Validate(context, request);
        ValidateName(name, violations);
        HubValidationException.ThrowIfAny(violations);

        var wanted = new SubscriptionRecord(
            context.Caller, name, request.FactTypes.ToList(), request.Usccs.ToList(), request.Zone, context.Purpose, context.OfficerId,
            request.AfterSequence, time.GetUtcNow(), request.AfterSequence);
        var stored = await store.AddSubscriptionAsync(wanted, cancellationToken);
        return stored.SameFilter(wanted)
            ? stored
            : throw new HubConflictException("SUBSCRIPTION_EXISTS", $"subscription '{name}' exists with another filter");
    }

    /// <summary>Opens the subscription as a watch from just after its acknowledgement.</summary>
    public async Task<FactWatch> OpenAsync(
        string caller, string requestId, string name, int heartbeatSeconds, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(caller, name, cancellationToken);
        return await feed.OpenAsync(
            new ReadContext(caller, requestId, subscription.Purpose, subscription.OfficerId),
            new WatchRequest(subscription.AckedPosition, subscription.FactTypes, subscription.Usccs, subscription.Zone, heartbeatSeconds),
            cancellationToken);
    }

    public async Task<SubscriptionRecord> AckAsync(string caller, string name, long position, CancellationToken cancellationToken)
    {
        var head = await store.HeadSequenceAsync(cancellationToken);
        if (position < 0 || position > head)
        {
            throw new HubValidationException("position", $"must be between 0 and the log's head ({head})");
        }

        return await store.AckSubscriptionAsync(caller, name, position, cancellationToken)
            ?? throw new HubNotFoundException("SUBSCRIPTION_NOT_FOUND", $"{caller} has no subscription '{name}'");
    }

    public async Task<(IReadOnlyList<SubscriptionRecord> Subscriptions, long Head)> ListAsync(string caller, CancellationToken cancellationToken) =>
        (await store.ListSubscriptionsAsync(caller, cancellationToken), await store.HeadSequenceAsync(cancellationToken));

    public Task<long> HeadAsync(CancellationToken cancellationToken) => store.HeadSequenceAsync(cancellationToken);

    private async Task<SubscriptionRecord> FindAsync(string caller, string name, CancellationToken cancellationToken) =>
        await store.FindSubscriptionAsync(caller, name, cancellationToken)
        ?? throw new HubNotFoundException("SUBSCRIPTION_NOT_FOUND", $"{caller} has no subscription '{name}'");

    private static void ValidateName(string name, List<FieldViolation> violations)
    {
        if (!Name().IsMatch(name))
        {
            violations.Add(new FieldViolation("name", "must be 1 to 64 lower case letters, digits, '-' or '_'"));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex Name();
}
