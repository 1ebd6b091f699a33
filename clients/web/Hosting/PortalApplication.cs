using EnterpriseHub.Web.Hub;
using EnterpriseHub.Web.Notices;
using EnterpriseHub.Web.Security;
using EnterpriseHub.Web.SignIn;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;

namespace EnterpriseHub.Web.Hosting;

/// <summary>Builds the web page: the same host in <c>dotnet run</c> and in the tests.</summary>
public static class PortalApplication
{
    /// <param name="args">Command-line configuration, e.g. <c>--Web:Listen=127.0.0.1:0</c>.</param>
    /// <param name="configure">Last changes to the builder, e.g. a test's clock.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(PortalApplication).Assembly.GetName().Name,
            // No appsettings files: the defaults live in WebOptions, relative paths resolve against
            // the working directory (the repository root for `dotnet run`).
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddOptions<WebOptions>().Bind(builder.Configuration.GetSection(WebOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WebOptions>, WebOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IHttpContextFactory, RequestIdContextFactory>();
        // Chinese text as text, not as numeric character references.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(encoder =>
            encoder.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        var options = builder.Configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();
        builder.AddPortalLogging();
        builder.AddWebListeners();
        builder.AddPortalSession(options);
        builder.AddPortalLocalization();
        builder.AddPortalHub();
        builder.AddPortalNotices();
        builder.Services.AddRazorPages();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RequestLog>();
        app.UseExceptionHandler("/error");
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseMiddleware<PersonLogContext>();
        app.UseMiddleware<SignInListener>();
        app.UseAuthorization();
        app.MapStylesheet();
        app.MapScript();
        app.MapNoticeEvents();
        app.MapRazorPages();
        return app;
    }

    private static void AddPortalLogging(this WebApplicationBuilder builder) =>
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("Grpc", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}"),
            preserveStaticLogger: true);
}
