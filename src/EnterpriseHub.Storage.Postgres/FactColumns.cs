using EnterpriseHub.Core.Facts;
using Npgsql;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>The columns of a stored fact as the reads select them, and their mapping back.</summary>
internal static class FactColumns
{
    public const string Select =
        "f.seq, f.uscc, f.fact_type, f.publisher, f.source_record_id, f.effective_ticks, f.publish_ticks, f.attributes";

    /// <summary>Reads a fact whose columns start at <paramref name="first"/>.</summary>
    public static Fact Read(NpgsqlDataReader reader, int first = 0) => new(
        Uscc: reader.GetString(first + 1),
        FactType: reader.GetString(first + 2),
        AttributesJson: reader.GetString(first + 7),
        EffectiveTime: FromTicks(reader.GetInt64(first + 5)),
        Publisher: reader.GetString(first + 3),
        SourceRecordId: reader.GetString(first + 4),
        PublishTime: FromTicks(reader.GetInt64(first + 6)),
        Sequence: reader.GetInt64(first));

    public static DateTimeOffset FromTicks(long utcTicks) => new(utcTicks, TimeSpan.Zero);

    /// <summary>Every fact the command returns, in order.</summary>
    public static async Task<List<Fact>> ReadAllAsync(NpgsqlCommand command, int capacity, CancellationToken cancellationToken)
    {
        var facts = new List<Fact>(Math.Min(capacity, 256));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            facts.Add(Read(reader));
        }

        return facts;
    }
}
