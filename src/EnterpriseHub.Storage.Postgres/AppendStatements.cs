using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Storage.Common;
using Npgsql;
using NpgsqlTypes;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>
/// The set-based statements of one append: four round trips per batch whatever its size (lock and
/// look up; store and lock the audit chain; name and audit; commit). Every statement runs inside
/// the append's transaction, after the fact log lock.
/// </summary>
internal static class AppendStatements
{
    /// <summary>A stored fact under one of the batch's record ids, its content as a draft to compare with the batch's.</summary>
    public sealed record Stored(long Sequence, long PublishTicks, FactDraft Content)
    {
        public StoredRecord Match(FactDraft draft) =>
            new(Sequence, Rows.Time(PublishTicks), AppendPlan.SameContent(Content, draft));
    }

    /// <summary>
    /// Takes the fact log lock, then reads the last sequence and the facts already stored under the
    /// batch's record ids, in one round trip: every statement after the lock sees every earlier batch.
    /// </summary>
    public static async Task<(long Last, Dictionary<string, Stored> Stored)> LockAndFindAsync(
        NpgsqlConnection connection, string publisher, IReadOnlyList<FactDraft> drafts, CancellationToken cancellationToken)
    {
        var recordIds = new string[drafts.Count];
        for (var i = 0; i < recordIds.Length; i++)
        {
            recordIds[i] = drafts[i].SourceRecordId;
        }

        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new($"SELECT pg_advisory_xact_lock({AdvisoryLocks.FactLog});"),
                new("SELECT coalesce(max(seq), 0) FROM facts;"),
                new("""
                    SELECT source_record_id, seq, publish_ticks, uscc, fact_type, effective_ticks, attributes
                    FROM facts WHERE publisher = $1 AND source_record_id = ANY($2);
                    """)
                {
                    Parameters =
                    {
                        new() { Value = publisher, NpgsqlDbType = NpgsqlDbType.Text },
                        new() { Value = recordIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                    },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var last = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var stored = new Dictionary<string, Stored>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var recordId = reader.GetString(0);
            stored[recordId] = new Stored(
                reader.GetInt64(1),
                reader.GetInt64(2),
                new FactDraft(reader.GetString(3), reader.GetString(4), reader.GetString(6), Rows.Time(reader.GetInt64(5)), recordId));
        }

        return (last, stored);
    }

    /// <summary>
    /// One statement that stores the new facts and derives the views from them: the batch travels
    /// once, as arrays, and the sequence of the draft at (1-based) position n is <c>$1 + n - 1</c>.
    /// It returns the sequences of the batch's licences that became current. The greatest
    /// (effective time, sequence) wins, so a backdated fact stays in history only; PostgreSQL lets
    /// one upsert touch a row once, so each (enterprise, type) first keeps its batch winner. Every
    /// enterprise with a fact is listed, named or not. (A binary COPY into the log measured no
    /// faster for 1,000-fact batches and costs a round trip of its own.)
    /// </summary>
    public static NpgsqlBatchCommand Store(string publisher, IReadOnlyList<FactDraft> fresh, long first, long publishTicks)
    {
        var (usccs, types, recordIds, effective, attributes) =
            (new string[fresh.Count], new string[fresh.Count], new string[fresh.Count], new long[fresh.Count], new string[fresh.Count]);
        for (var i = 0; i < fresh.Count; i++)
        {
            (usccs[i], types[i], recordIds[i], effective[i], attributes[i]) =
                (fresh[i].Uscc, fresh[i].FactType, fresh[i].SourceRecordId, fresh[i].EffectiveTime.UtcTicks, fresh[i].AttributesJson);
        }

        return new($"""
            WITH d AS (
                SELECT $1 + n - 1 AS seq, u AS uscc, t AS fact_type, r AS source_record_id, e AS effective_ticks, a AS attributes
                FROM unnest($4, $5, $6, $7, $8) WITH ORDINALITY AS x (u, t, r, e, a, n)),
            stored AS (
                INSERT INTO facts (seq, uscc, fact_type, publisher, source_record_id, effective_ticks, publish_ticks, attributes)
                SELECT seq, uscc, fact_type, $2, source_record_id, effective_ticks, $3, attributes FROM d),
            listed AS (
                INSERT INTO enterprises (uscc, name, industry) SELECT DISTINCT uscc, '', '' FROM d
                ON CONFLICT (uscc) DO NOTHING),
            won AS (
                INSERT INTO current_facts (uscc, fact_type, seq, effective_ticks)
                SELECT DISTINCT ON (uscc, fact_type) uscc, fact_type, seq, effective_ticks FROM d
                ORDER BY uscc, fact_type, effective_ticks DESC, seq DESC
                ON CONFLICT (uscc, fact_type) DO UPDATE SET seq = excluded.seq, effective_ticks = excluded.effective_ticks
                WHERE (excluded.effective_ticks, excluded.seq) > (current_facts.effective_ticks, current_facts.seq)
                RETURNING seq, fact_type)
            SELECT seq FROM won WHERE fact_type = '{EnterpriseIdentity.LicenceFactType}';
            """)
        {
            Parameters =
            {
                new() { Value = first, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = publisher, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = publishTicks, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = usccs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = recordIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = effective, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new() { Value = attributes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            },
        };
    }

    /// <summary>Sets the name and industry of enterprises whose licence became current.</summary>
    public static NpgsqlBatchCommand NameEnterprises(List<EnterpriseSummary> named)
    {
        var (usccs, names, industries) = (new string[named.Count], new string[named.Count], new string[named.Count]);
        for (var i = 0; i < named.Count; i++)
        {
            (usccs[i], names[i], industries[i]) = (named[i].Uscc, named[i].Name, named[i].Industry);
        }

        return new("""
            INSERT INTO enterprises (uscc, name, industry) SELECT * FROM unnest($1, $2, $3)
            ON CONFLICT (uscc) DO UPDATE SET name = excluded.name, industry = excluded.industry;
            """)
        {
            Parameters =
            {
                new() { Value = usccs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = names, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = industries, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            },
        };
    }

    /// <summary>Wakes every replica's listener when the transaction commits (never before, never for a rollback).</summary>
    public static NpgsqlBatchCommand Notify(long lastSequence) =>
        new("SELECT pg_notify('hub_facts', $1);")
        {
            Parameters = { new() { Value = lastSequence.ToString(System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType = NpgsqlDbType.Text } },
        };
}
