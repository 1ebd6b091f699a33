using EnterpriseHub.Caching;
using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Catalog;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Core.Proactive;
using EnterpriseHub.Server.Caching;
using EnterpriseHub.Server.Demo;
using EnterpriseHub.Server.Operations;
using EnterpriseHub.Server.Quotas;
using EnterpriseHub.Server.Security;
using EnterpriseHub.Server.Storage;

namespace EnterpriseHub.Server.Hosting;

/// <summary>The <c>Hub</c> configuration section; each feature's part lives beside the feature.</summary>
public sealed class HubOptions
{
    public TlsOptions Tls { get; set; } = new();

    public StorageOptions Storage { get; set; } = new();

    public CacheOptions Cache { get; set; } = new();

    public UsccOptions Uscc { get; set; } = new();

    public PublishOptions Publish { get; set; } = new();

    public DemoOptions Demo { get; set; } = new();

    public CatalogOptions Catalog { get; set; } = new();

    public AccessOptions Access { get; set; } = new();

    public AuditOptions Audit { get; set; } = new();

    public CreditOptions Credit { get; set; } = new();

    public ProactiveOptions Proactive { get; set; } = new();

    public OperationsOptions Operations { get; set; } = new();

    public QuotaOptions Quotas { get; set; } = new();

    public EdgeLimitOptions Limits { get; set; } = new();

    /// <summary>Zone name → the registration division codes that belong to it.</summary>
    public Dictionary<string, List<string>> Zones { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long a stopping hub waits for calls in flight before it cuts them off.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>The catalog file's full path: relative paths resolve against the hub's own folder.</summary>
    internal string CatalogPath => Path.Combine(AppContext.BaseDirectory, Catalog.Path);

    /// <summary>The credit rules file's full path, resolved like the catalog's.</summary>
    internal string CreditRulesPath => Path.Combine(AppContext.BaseDirectory, Credit.RulesPath);

    /// <summary>The reminder rules file's full path, resolved like the catalog's.</summary>
    internal string RemindersPath => Path.Combine(AppContext.BaseDirectory, Proactive.RemindersPath);

    /// <summary>Every problem of the whole configuration, not only the first.</summary>
    internal IEnumerable<string> Validate()
    {
        var problems = Tls.Validate()
            .Concat(Storage.Validate())
            .Concat(Cache.Validate())
            .Concat(CacheExtensions.Validate(Cache))
            .Concat(Publish.Validate())
            .Concat(Demo.Validate())
            .Concat(Audit.Validate())
            .Concat(Access.Validate())
            .Concat(Operations.Validate(System.Net.IPEndPoint.TryParse(Tls.Listen, out var tls) ? tls : null))
            .Concat(Quotas.Validate())
            .Concat(Limits.Validate())
            .Concat(File.Exists(CatalogPath) ? [] : [$"Hub:Catalog:Path '{Catalog.Path}' does not exist."])
            .Concat(File.Exists(CreditRulesPath) ? [] : [$"Hub:Credit:RulesPath '{Credit.RulesPath}' does not exist."])
            .Concat(File.Exists(RemindersPath) ? [] : [$"Hub:Proactive:RemindersPath '{Proactive.RemindersPath}' does not exist."])
            .Concat(new Core.Lookup.ZoneOptions { Zones = Zones }.Validate())
            .Concat(Uscc.LegacyCodes.Where(code => code.Length != 18)
                .Select(code => $"Hub:Uscc:LegacyCodes entry '{code}' is not 18 characters."));
        if (ShutdownTimeoutSeconds is < 0 or > 3600)
        {
            problems = problems.Append("Hub:ShutdownTimeoutSeconds must be between 0 and 3600.");
        }

        return problems;
    }
}

/// <summary>The configuration is unusable; the message lists every problem.</summary>
public sealed class HubConfigurationException(IReadOnlyList<string> problems)
    : Exception("The hub's configuration has " + problems.Count + " problem(s):" + Environment.NewLine
        + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
