using EnterpriseHub.Caching;
using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Facts;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EnterpriseHub.Server.Caching;

internal static class CacheExtensions
{
    /// <summary>
    /// The profile cache: Redis when <c>Hub:Cache:Redis</c> is set, in memory otherwise. The store
    /// registration wraps its fact contract with <see cref="Cached"/>, so every lookup and every
    /// append passes through the cache.
    /// </summary>
    public static void AddHubCache(this WebApplicationBuilder builder, CacheOptions cache)
    {
        var services = builder.Services;
        services.AddSingleton(Options.Create(cache));
        if (cache.Redis.Length == 0)
        {
            services.AddDistributedMemoryCache(memory => memory.SizeLimit = cache.MemoryMegabytes * 1024L * 1024L);
        }
        else
        {
            services.AddStackExchangeRedisCache(redis => redis.ConfigurationOptions = RedisConfiguration(cache));
        }

        services.AddSingleton<HubCache>();
        services.AddSingleton<IAccessEpoch, CachedAccessEpoch>();
    }

    /// <summary>
    /// Opens the cache's connection before the first call (<see cref="HubCache.ConnectAsync"/>);
    /// a cache that is down at start is reported, and the hub starts without it.
    /// </summary>
    public static Task ConnectHubCacheAsync(this WebApplication app, CancellationToken cancellationToken) =>
        app.Services.GetRequiredService<HubCache>().ConnectAsync(cancellationToken);

    /// <summary>The fact store behind the profile cache.</summary>
    public static IFactStore Cached(IServiceProvider provider, IFactStore store) => new CachedFactStore(store, provider.GetRequiredService<HubCache>());

    /// <summary>
    /// Never give up on connecting (the hub serves from the store meanwhile), and never wait on
    /// Redis longer than the hub would.
    /// </summary>
    public static ConfigurationOptions RedisConfiguration(CacheOptions cache)
    {
        var configuration = ConfigurationOptions.Parse(cache.Redis);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 2000);
        configuration.AsyncTimeout = Math.Max(cache.TimeoutMilliseconds, 100);
        configuration.ConnectRetry = 1;
        return configuration;
    }

    /// <summary>The Redis configuration string's problem, if it has one.</summary>
    public static IEnumerable<string> Validate(CacheOptions cache)
    {
        if (cache.Redis.Length > 0)
        {
            string? problem = null;
            try
            {
                ConfigurationOptions.Parse(cache.Redis);
            }
            catch (ArgumentException e)
            {
                problem = $"Hub:Cache:Redis is not a valid Redis configuration: {e.Message}";
            }

            if (problem is not null)
            {
                yield return problem;
            }
        }
    }
}
