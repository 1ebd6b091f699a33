namespace EnterpriseHub.Web;

/// <summary>The page's strings: Resources/SharedResource.resx (Simplified Chinese, the default) and SharedResource.en.resx.</summary>
public sealed class SharedResource;
