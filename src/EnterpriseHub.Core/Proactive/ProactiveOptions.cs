namespace EnterpriseHub.Core.Proactive;

/// <summary>Configuration section <c>Hub:Proactive</c>.</summary>
public sealed class ProactiveOptions
{
    /// <summary>The reminder rules file loaded at start; relative paths resolve against the hub's folder.</summary>
    public string RemindersPath { get; set; } = "Proactive/reminders.json";

    /// <summary>
    /// Whether this process runs the notice matcher (leads it, or stands by for its lease). False on
    /// a replica that only serves; some replica on the store must run it, or no notice is delivered.
    /// </summary>
    public bool Match { get; set; } = true;
}
