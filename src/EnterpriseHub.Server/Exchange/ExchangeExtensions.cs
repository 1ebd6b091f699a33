using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Feed;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Server.Exchange;

internal static class ExchangeExtensions
{
    /// <summary>Publishing facts and the feed: the wake-up signal, the log read from a cursor, watches and subscriptions.</summary>
    public static void AddHubExchange(this WebApplicationBuilder builder, PublishOptions publish)
    {
        var services = builder.Services;
        services.AddSingleton(Options.Create(publish));
        services.AddSingleton<FeedSignal>();
        services.AddSingleton<FactFeed>();
        services.AddSingleton<FactPages>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<FactPublisher>();
    }
}
