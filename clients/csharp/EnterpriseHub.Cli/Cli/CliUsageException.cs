namespace EnterpriseHub.Cli.Cli;

/// <summary>
/// A problem found before anything was sent (a missing certificate, a read without purpose, a bad
/// flag value): printed like a hub refusal, with exit code <see cref="ExitCodes.Usage"/>.
/// </summary>
/// <param name="message">What is wrong, for people.</param>
/// <param name="violations">The fields at fault, with the words the hub would use.</param>
internal sealed class CliUsageException(string message, IReadOnlyList<(string Field, string Description)>? violations = null)
    : Exception(message)
{
    /// <summary>The fields at fault; empty when the problem is not about one field.</summary>
    public IReadOnlyList<(string Field, string Description)> Violations { get; } = violations ?? [];
}
