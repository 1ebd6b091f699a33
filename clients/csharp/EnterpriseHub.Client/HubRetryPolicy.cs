using Grpc.Core;
using Grpc.Net.Client.Configuration;

namespace EnterpriseHub.Client;

/// <summary>
/// Retries of <c>UNAVAILABLE</c> with exponential backoff, applied by grpc-dotnet's own retry policy
/// to every method that is safe to repeat: reads, and publishes (idempotent on
/// <c>source_record_id</c>). The grant and schema changes that are not idempotent are never retried.
/// </summary>
public sealed record HubRetryPolicy
{
    /// <summary>The methods sent at most once: repeating them could act twice.</summary>
    public static readonly IReadOnlyList<string> NotRetried =
    [
        "enterprisehub.v1.Catalog/RequestGrant",
        "enterprisehub.v1.Catalog/DecideGrant",
        "enterprisehub.v1.Catalog/RevokeGrant",
        "enterprisehub.v1.Catalog/ChangeFactType",
    ];

    /// <summary>Five attempts, backoff from 0.2 s doubling up to 5 s.</summary>
    public static HubRetryPolicy Default { get; } = new();

    /// <summary>Attempts in all, the first included (2 to 5: grpc-dotnet caps it at 5).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The longest first wait (each wait is random up to its bound).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The bound on any wait.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How much the bound grows after each attempt.</summary>
    public double BackoffMultiplier { get; init; } = 2;

    /// <summary>Every problem with this policy at once; empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxAttempts is < 2 or > 5)
        {
            problems.Add("Retry.MaxAttempts must be between 2 and 5.");
        }

        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            problems.Add("Retry.InitialBackoff must be positive and no longer than Retry.MaxBackoff.");
        }

        if (BackoffMultiplier < 1)
        {
            problems.Add("Retry.BackoffMultiplier must be at least 1.");
        }

        return problems;
    }

    /// <summary>The channel's service config: this policy for every method but the <see cref="NotRetried"/> ones.</summary>
    public ServiceConfig ToServiceConfig()
    {
        var retried = new MethodConfig
        {
            Names = { MethodName.Default },
            RetryPolicy = new RetryPolicy
            {
                MaxAttempts = MaxAttempts,
                InitialBackoff = InitialBackoff,
                MaxBackoff = MaxBackoff,
                BackoffMultiplier = BackoffMultiplier,
                RetryableStatusCodes = { StatusCode.Unavailable },
            },
        };
        var once = new MethodConfig();
        foreach (var name in NotRetried)
        {
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            once.Names.Add(new MethodName { Service = name[..slash], Method = name[(slash + 1)..] });
        }

        return new ServiceConfig { MethodConfigs = { retried, once } };
    }
}
