namespace EnterpriseHub.Core.Catalog;

/// <summary>
/// Decides whether a proposed schema still accepts every fact the current one accepts, so publishers
/// keep working and stored facts stay valid. Sharing class changes are access changes, not schema
/// changes, and are not judged here.
/// </summary>
public static class SchemaEvolution
{
    /// <summary>One English sentence per change that could refuse a fact the current schema accepts; empty when compatible.</summary>
    public static IReadOnlyList<string> BreakingChanges(FactTypeDefinition current, FactTypeDefinition proposed)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(proposed);

        var changes = new List<string>();
        if (current.Name != proposed.Name)
        {
            changes.Add($"The fact type name changed from '{current.Name}' to '{proposed.Name}'.");
        }

        foreach (var before in current.Fields)
        {
            if (proposed.Field(before.Name) is { } after)
            {
                FieldChanges(before, after, changes);
            }
            else
            {
                changes.Add($"Field '{before.Name}' was removed.");
            }
        }

        foreach (var after in proposed.Fields)
        {
            if (after.Required && current.Field(after.Name) is null)
            {
                changes.Add($"Field '{after.Name}' is new and required.");
            }
        }

        return changes;
    }

    private static void FieldChanges(FieldSchema before, FieldSchema after, List<string> changes)
    {
        if (before.Type != after.Type)
        {
            // Other differences follow from the new type; one sentence says it.
            changes.Add($"Field '{before.Name}' changed type from {CatalogSpelling.Of(before.Type)} to {CatalogSpelling.Of(after.Type)}.");
            return;
        }

        if (!before.Required && after.Required)
        {
            changes.Add($"Field '{before.Name}' became required.");
        }

        foreach (var value in before.EnumValues)
        {
            if (!after.EnumValues.Contains(value, StringComparer.Ordinal))
            {
                changes.Add($"Field '{before.Name}' no longer allows the value '{value}'.");
            }
        }

        if (after.MaxLength is { } newMax)
        {
            if (before.MaxLength is not { } oldMax)
            {
                changes.Add($"Field '{before.Name}' gained a maximum length of {newMax}.");
            }
            else if (newMax < oldMax)
            {
                changes.Add($"Field '{before.Name}' lowered its maximum length from {oldMax} to {newMax}.");
            }
        }
    }
}
