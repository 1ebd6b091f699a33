using System.Collections.Frozen;
using EnterpriseHub.Core.Access;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Errors;

namespace EnterpriseHub.Core.Catalog;

/// <summary>
/// The fact types in force. Loaded at start from the store, after the catalog file's types are
/// brought in (a new type is added; a changed one must be a compatible evolution); owners evolve
/// their schemas at run time. Readers see an immutable snapshot, swapped whole on each change.
/// A change on another replica is picked up through the <see cref="IAccessEpoch"/>.
/// </summary>
public sealed class FactTypeCatalog(ICatalogStore store, IAccessEpoch epoch, TimeProvider time)
{
    private const string FileLoader = "catalog-file";

    private readonly SemaphoreSlim changes = new(1, 1);
    private readonly Lock swap = new();
    private string? seenEpoch;
    private volatile FrozenDictionary<string, FactTypeDefinition> types = FrozenDictionary<string, FactTypeDefinition>.Empty;
    private volatile FrozenSet<string> departments = FrozenSet<string>.Empty;
    private FrozenDictionary<string, Forms.FormTemplate> forms = FrozenDictionary<string, Forms.FormTemplate>.Empty;

    public IReadOnlyCollection<FactTypeDefinition> All => types.Values;

    public FactTypeDefinition? Find(string name) => types.GetValueOrDefault(name);

    /// <summary>The catalog file's forms, by name.</summary>
    public IReadOnlyCollection<Forms.FormTemplate> Forms => forms.Values;

    public Forms.FormTemplate? FindForm(string name) => forms.GetValueOrDefault(name);

    /// <summary>Whether <paramref name="identity"/> owns a fact type in the catalog, which makes it a department.</summary>
    public bool IsDepartment(string identity) => departments.Contains(identity);

    /// <summary>
    /// Brings the file's types into the store and loads the catalog. A type the store lacks is
    /// added; one the owner has since evolved at run time is left as it is; a file that changed a
    /// type compatibly adds a version; a breaking change stops the start with every reason.
    /// </summary>
    public async Task LoadAsync(CatalogDocument file, CancellationToken cancellationToken)
    {
        var stored = (await store.LoadFactTypesAsync(cancellationToken)).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var definition in file.FactTypes)
        {
            if (!stored.TryGetValue(definition.Name, out var current))
            {
                await store.AddFactTypeVersionAsync(definition with { Version = 1 }, FileLoader, time.GetUtcNow(), null, cancellationToken);
            }
            else if (!current.Equals(definition with { Version = current.Version })
                     && SchemaEvolution.BreakingChanges(definition, current).Count > 0)
            {
                // The stored type is not simply a run-time evolution of the file's: the file changed.
                var breaking = SchemaEvolution.BreakingChanges(current, definition);
                problems.AddRange(breaking.Select(b => $"catalog file: {definition.Name}: {b}"));
                if (breaking.Count == 0)
                {
                    // An evolution shipped in the file is a schema change like any other, and audited as one.
                    var next = definition with { Version = current.Version + 1 };
                    var now = time.GetUtcNow();
                    await store.AddFactTypeVersionAsync(next, FileLoader, now, SchemaChanged(now, FileLoader, "start-up", next), cancellationToken);
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new RulesFileException("catalog file", problems);
        }

        forms = file.FormTemplates.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
        await ReloadAsync(cancellationToken);
    }

    /// <summary>
    /// Defines a new fact type or evolves one (the access table admits its owner and the admins);
    /// a breaking change is refused with every reason; a compatible one becomes the next version, audited.
    /// </summary>
    public async Task<FactTypeDefinition> ChangeAsync(
        string caller, string requestId, FactTypeDefinition proposed, CancellationToken cancellationToken)
    {
        await changes.WaitAsync(cancellationToken);
        try
        {
            // Another replica may have changed the type since this one last looked.
            await ReloadAsync(cancellationToken);
            var current = Find(proposed.Name);
            if (current is not null && SchemaEvolution.BreakingChanges(current, proposed) is { Count: > 0 } breaking)
            {
                throw new HubConflictException(
                    "SCHEMA_CHANGE_BREAKING", $"{proposed.Name}: breaking change refused: {string.Join("; ", breaking)}");
            }

            if (current is not null && current.Equals(proposed with { Version = current.Version }))
            {
                return current;
            }

            var next = proposed with { Version = (current?.Version ?? 0) + 1 };
            var now = time.GetUtcNow();
            await store.AddFactTypeVersionAsync(next, caller, now, SchemaChanged(now, caller, requestId, next), cancellationToken);
            await ReloadAsync(cancellationToken);
            await epoch.ChangedAsync();
            return next;
        }
        finally
        {
            changes.Release();
        }
    }

    private static AuditEntry SchemaChanged(DateTimeOffset now, string caller, string requestId, FactTypeDefinition next) =>
        new(now, caller, string.Empty, AuditActions.SchemaChange, [], [next.Name], string.Empty, requestId, "ok", $"version {next.Version}");

    /// <summary>
    /// Reads the catalog again when another replica may have changed it: when the cluster's access
    /// epoch moved, and on every call while the epoch cannot be read. Returns the epoch seen.
    /// </summary>
    public async Task<string?> SyncAsync(CancellationToken cancellationToken)
    {
        var current = await epoch.CurrentAsync(cancellationToken);
        if (current is null)
        {
            // Without the epoch nothing kept may be trusted: read the catalog again (a small read).
            await ReloadAsync(cancellationToken);
        }
        else if (current != Volatile.Read(ref seenEpoch))
        {
            await ReloadAsync(cancellationToken);
            Volatile.Write(ref seenEpoch, current);
        }

        return current;
    }

    /// <summary>
    /// Takes the stored catalog, keeping any type this replica already knows in a later version:
    /// reloads that overlap must never bring an older schema back.
    /// </summary>
    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var stored = await store.LoadFactTypesAsync(cancellationToken);
        lock (swap)
        {
            var known = types;
            types = stored
                .Select(t => known.TryGetValue(t.Name, out var mine) && mine.Version > t.Version ? mine : t)
                .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
            departments = types.Values.Select(t => t.Owner).ToFrozenSet(StringComparer.Ordinal);
        }
    }
}
