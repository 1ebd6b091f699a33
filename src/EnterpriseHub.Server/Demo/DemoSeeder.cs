using EnterpriseHub.Core.Facts;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Server.Demo;

internal static partial class DemoSeeder
{
    private const int BatchSize = 1000;

    /// <summary>
    /// In Development, publishes the demo zone into an empty store through the same path as
    /// every department's publish, each fact under its owning department.
    /// </summary>
    public static async Task SeedDemoZoneAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        var options = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        var store = app.Services.GetRequiredService<IFactStore>();
        if (!app.Environment.IsDevelopment() || !options.Enabled || !await store.IsEmptyAsync(cancellationToken))
        {
            return;
        }

        var publisher = app.Services.GetRequiredService<FactPublisher>();
        var facts = DemoZone.Generate(options.EnterprisesPerZone);
        foreach (var department in facts.GroupBy(f => f.Publisher))
        {
            foreach (var batch in department.Chunk(BatchSize))
            {
                var inputs = batch
                    .Select(f => new FactInput(f.Draft.Uscc, f.Draft.FactType, f.Draft.AttributesJson, f.Draft.EffectiveTime, f.Draft.SourceRecordId))
                    .ToList();
                await publisher.PublishAsync(department.Key, "demo-zone", inputs, cancellationToken);
            }
        }

        Loaded(app.Logger, facts.Count, options.EnterprisesPerZone * 3);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Loaded the demo zone: {Facts} facts about {Enterprises} enterprises")]
    private static partial void Loaded(ILogger logger, int facts, int enterprises);
}
