using System.Data.Common;
using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Storage.Common;

/// <summary>
/// Enterprises assembled from rows: the directory entry joined with the current facts, or the
/// facts alone for a view as of a past time. Both schemas name these tables and columns alike.
/// </summary>
internal static class EnterpriseRows
{
    /// <summary>
    /// Name, industry, then <see cref="FactColumns.Select"/>: the order <see cref="ReadCurrentAsync"/>
    /// reads. Every listed enterprise has at least one current fact, so the inner joins lose none.
    /// A caller adds its WHERE and an ORDER BY that keeps each enterprise's rows together.
    /// </summary>
    public const string CurrentSelect = $"""
        SELECT e.name, e.industry, {FactColumns.Select}
        FROM enterprises e
        JOIN current_facts c ON c.uscc = e.uscc
        JOIN facts f ON f.seq = c.seq
        """;

    /// <summary>The enterprises of a <see cref="CurrentSelect"/> query, by code.</summary>
    public static async Task<Dictionary<string, EnterpriseRecord>> ReadCurrentAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var records = new Dictionary<string, EnterpriseRecord>(StringComparer.Ordinal);
        EnterpriseSummary? summary = null;
        List<Fact>? facts = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var fact = FactColumns.Read(reader, first: 2);
            if (summary?.Uscc != fact.Uscc)
            {
                summary = new EnterpriseSummary(fact.Uscc, reader.GetString(0), reader.GetString(1));
                facts = [];
                records[fact.Uscc] = new EnterpriseRecord(summary, facts);
            }

            facts!.Add(fact);
        }

        return records;
    }

    /// <summary>The records of those asked that were found, in the order asked.</summary>
    public static List<EnterpriseRecord> InOrder(Dictionary<string, EnterpriseRecord> records, IReadOnlyList<string> usccs)
    {
        var ordered = new List<EnterpriseRecord>(records.Count);
        foreach (var uscc in usccs)
        {
            if (records.TryGetValue(uscc, out var record))
            {
                ordered.Add(record);
            }
        }

        return ordered;
    }

    /// <summary>
    /// An enterprise from the facts that were current at a past time, named by the licence among
    /// them (the directory holds only today's name); null when there were none.
    /// </summary>
    public static EnterpriseRecord? AsOf(string uscc, List<Fact> facts)
    {
        if (facts.Count == 0)
        {
            return null;
        }

        var licence = facts.Find(f => EnterpriseIdentity.Names(f.FactType));
        var (name, industry) = licence is null ? (string.Empty, string.Empty) : EnterpriseIdentity.FromLicence(licence.AttributesJson);
        return new EnterpriseRecord(new EnterpriseSummary(uscc, name, industry), facts);
    }
}
