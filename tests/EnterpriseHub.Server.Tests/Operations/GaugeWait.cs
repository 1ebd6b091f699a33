namespace EnterpriseHub.Server.Tests.Operations;

/// <summary>
/// Waits until one series of a hub's gauge, as an operator reads it, satisfies a condition. It
/// listens to the hub's measurements first and then reads the gauge's last value from
/// <c>/metrics</c>, so a value recorded before the wait began counts as much as one after.
/// </summary>
internal static class GaugeWait
{
    /// <param name="instrument">The instrument's name (<c>hub.projection.position</c>).</param>
    /// <param name="series">Its name as <c>/metrics</c> shows it (<c>hub_projection_position</c>).</param>
    /// <param name="tag">The series' one tag, for a gauge that has one.</param>
    public static async Task UntilAsync(
        IServiceProvider hub, string instrument, string series, (string Label, string Value)? tag, Func<double, bool> reached, TimeSpan patience)
    {
        using var probe = new InstrumentProbe(
            hub, instrument, (value, tags) => (tag is not { } t || tags.GetValueOrDefault(t.Label) == t.Value) && reached(value));
        var now = await Scrape.MetricsAsync(HubFixture.OperationsAddressOf(hub));
        if (!now.Any(s => s.Name == series && (tag is not { } t || s.Has(t.Label, t.Value)) && reached(s.Value)))
        {
            await probe.Seen.WaitAsync(patience);
        }
    }
}
