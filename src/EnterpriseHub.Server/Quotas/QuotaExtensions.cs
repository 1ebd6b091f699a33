using Microsoft.Extensions.Options;

namespace EnterpriseHub.Server.Quotas;

internal static class QuotaExtensions
{
    /// <summary>
    /// Per-caller quotas (<see cref="QuotaInterceptor"/>, registered among the gRPC interceptors
    /// right after the call interceptor). Not ASP.NET Core's rate limiting middleware: it answers
    /// HTTP 429 or 503, which gRPC clients see as UNAVAILABLE and retry at once.
    /// </summary>
    public static void AddHubQuotas(this WebApplicationBuilder builder, QuotaOptions quotas)
    {
        if (QuotaTable.Problems().ToList() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        builder.Services.AddSingleton(Options.Create(quotas));
        builder.Services.AddSingleton<CallerQuotas>();
        builder.Services.AddSingleton<QuotaRefusals>();
        builder.Services.AddSingleton<QuotaInterceptor>();
    }
}
