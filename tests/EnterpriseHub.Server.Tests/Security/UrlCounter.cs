using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnterpriseHub.Server.Tests.Security;

/// <summary>A plain HTTP server on 127.0.0.1 that counts every request (and answers 404), standing in for a URL a certificate names.</summary>
public sealed class UrlCounter : IAsyncDisposable
{
    private readonly WebApplication app;
    private int count;

    private UrlCounter()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Run(context =>
        {
            Interlocked.Increment(ref count);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }

    public Uri Address { get; private set; } = null!;

    public int Count => Volatile.Read(ref count);

    public static async Task<UrlCounter> StartAsync()
    {
        var counter = new UrlCounter();
        await counter.app.StartAsync();
        counter.Address = new Uri(counter.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
        return counter;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
