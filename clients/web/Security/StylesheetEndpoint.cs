namespace EnterpriseHub.Web.Security;

/// <summary>The page's one stylesheet, from the assembly, cached by the browser for an hour.</summary>
internal static class StylesheetEndpoint
{
    public const string Path = "/site.css";

    private static readonly Lazy<byte[]> Content = new(() =>
    {
        using var stream = typeof(StylesheetEndpoint).Assembly.GetManifestResourceStream("EnterpriseHub.Web.site.css")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static void MapStylesheet(this WebApplication app) =>
        app.MapGet(Path, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(Content.Value, "text/css; charset=utf-8");
        }).AllowAnonymous();
}
