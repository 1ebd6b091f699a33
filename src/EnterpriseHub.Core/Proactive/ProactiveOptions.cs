namespace EnterpriseHub.Core.Proactive;

/// <summary>Configuration section <c>Hub:Proactive</c>.</summary>
public sealed class ProactiveOptions
{
    /// <summary>The reminder rules file loaded at start; relative paths resolve against the hub's folder.</summary>
    public string RemindersPath { get; set; } = "Proactive/reminders.json";
}
