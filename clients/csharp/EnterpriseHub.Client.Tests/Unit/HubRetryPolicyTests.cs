using Grpc.Core;

namespace EnterpriseHub.Client.Tests.Unit;

public sealed class HubRetryPolicyTests
{
    [Fact]
    public void ToServiceConfig_Default_RetriesUnavailableOnEveryMethodButTheNotIdempotentOnes()
    {
        var config = HubRetryPolicy.Default.ToServiceConfig();

        var retried = Assert.Single(config.MethodConfigs, method => method.RetryPolicy is not null);
        var once = Assert.Single(config.MethodConfigs, method => method.RetryPolicy is null);
        Assert.Null(Assert.Single(retried.Names).Service);
        Assert.Equal([StatusCode.Unavailable], retried.RetryPolicy!.RetryableStatusCodes);
        Assert.Equal(5, retried.RetryPolicy.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(200), retried.RetryPolicy.InitialBackoff);
        Assert.Equal(
            ["Catalog/RequestGrant", "Catalog/DecideGrant", "Catalog/RevokeGrant", "Catalog/ChangeFactType"],
            once.Names.Select(name => $"{name.Service!["enterprisehub.v1.".Length..]}/{name.Method}"));
    }

    [Fact]
    public void Validate_EveryFieldWrong_ReportsEveryProblemAtOnce()
    {
        var policy = new HubRetryPolicy
        {
            MaxAttempts = 9,
            InitialBackoff = TimeSpan.FromSeconds(10),
            MaxBackoff = TimeSpan.FromSeconds(1),
            BackoffMultiplier = 0.5,
        };

        Assert.Equal(3, policy.Validate().Count);
        Assert.Empty(HubRetryPolicy.Default.Validate());
    }

    [Fact]
    public void OptionsValidate_NoCertificatesAndPlainHttp_ReportsEveryProblemAtOnce()
    {
        var options = new HubClientOptions
        {
            Address = new Uri("http://127.0.0.1:7443"),
            CaCertificatePath = "/nowhere/ca.crt",
            CertificatePem = "pem",
            CertificatePath = "/nowhere/tax.crt",
            DefaultDeadline = TimeSpan.Zero,
        };

        var problems = options.Validate();

        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, problem => problem.Contains("https", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("/nowhere/ca.crt", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("client certificate", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("private key", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("DefaultDeadline", StringComparison.Ordinal));
    }
}
