namespace EnterpriseHub.Web.Security;

/// <summary>The page's one script (live notices), from the assembly, cached by the browser for an hour.</summary>
internal static class ScriptEndpoint
{
    public const string Path = "/notices.js";

    private static readonly Lazy<byte[]> Content = new(() =>
    {
        using var stream = typeof(ScriptEndpoint).Assembly.GetManifestResourceStream("EnterpriseHub.Web.notices.js")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static void MapScript(this WebApplication app) =>
        app.MapGet(Path, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(Content.Value, "text/javascript; charset=utf-8");
        }).AllowAnonymous();
}
