namespace EnterpriseHub.Web.Notices;

internal static class NoticeExtensions
{
    /// <summary>The instance's one notice stream and its fan-out to the open pages.</summary>
    public static void AddPortalNotices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<NoticeFanOut>();
        builder.Services.AddSingleton<NoticeWatcher>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<NoticeWatcher>());
    }
}
