namespace EnterpriseHub.Server.Tests.Operations;

/// <summary>
/// Waits for a hub's projections as an operator watches them: on <c>hub.projection.position</c>,
/// which each projection records after every write (<c>credit</c>, <c>notices</c>, <c>notices.policies</c>).
/// </summary>
internal static class ProjectionWait
{
    /// <summary>Completes once the credit projection has applied the fact at <paramref name="sequence"/>, within <paramref name="patience"/>.</summary>
    public static Task CreditAppliedAsync(IServiceProvider hub, long sequence, TimeSpan patience) =>
        ReachedAsync(hub, "credit", sequence, patience);

    /// <summary>Completes once both projections that read the fact log (credit levels, notice matching) have applied it up to <paramref name="sequence"/>.</summary>
    public static Task BothAppliedAsync(IServiceProvider hub, long sequence, TimeSpan patience) =>
        Task.WhenAll(ReachedAsync(hub, "credit", sequence, patience), ReachedAsync(hub, "notices", sequence, patience));

    /// <summary>Completes once <paramref name="projection"/> has applied its log up to <paramref name="position"/>.</summary>
    public static Task ReachedAsync(IServiceProvider hub, string projection, long position, TimeSpan patience) =>
        GaugeWait.UntilAsync(hub, "hub.projection.position", "hub_projection_position", ("projection", projection), value => value >= position, patience);
}
