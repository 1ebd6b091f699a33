using System.Text.Json;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;
using static EnterpriseHub.Storage.Sqlite.DraftJson;

using static EnterpriseHub.Storage.Sqlite.Prepared;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The append batch: the writer's prepared statements, reused across batches. A batch arrives as
/// <see cref="DraftJson"/> text; the sequence of the draft at index <c>key</c> is <c>@first + key</c>.
/// CROSS JOIN keeps the batch as the outer loop: the planner cannot know its size and would
/// otherwise scan the facts.
/// </summary>
internal sealed class BatchStatements(SqliteConnection connection) : IDisposable
{
    private readonly SqliteCommand lastSequence = Create(connection, "SELECT coalesce(max(seq), 0) FROM facts;");
    private readonly SqliteCommand findStored = Create(connection, $"""
        SELECT j.key, f.seq, f.publish_ticks,
               f.uscc = j.{UsccValue} AND f.fact_type = j.{FactTypeValue}
               AND f.effective_ticks = j.{EffectiveTicksValue} AND f.attributes = j.{AttributesValue}
        FROM jsonb_each(CAST(@drafts AS TEXT)) j
        CROSS JOIN facts f ON f.publisher = @publisher AND f.source_record_id = j.{RecordIdValue};
        """, "@drafts", "@publisher");
    private readonly SqliteCommand insertFacts = Create(connection, $"""
        INSERT INTO facts (seq, uscc, fact_type, publisher, source_record_id, effective_ticks, publish_ticks, attributes)
        SELECT @first + key, {UsccValue}, {FactTypeValue}, @publisher, {RecordIdValue}, {EffectiveTicksValue}, @published, {AttributesValue}
        FROM jsonb_each(CAST(@drafts AS TEXT));
        """, "@drafts", "@first", "@publisher", "@published");

    // The views are derived from the rows just inserted (seq >= @first): reading them back by
    // rowid is cheaper than extracting the batch from JSON again. The greatest (effective time,
    // sequence) wins, so a backdated fact stays in history only.
    private readonly SqliteCommand updateCurrent = Create(connection, """
        INSERT INTO current_facts (uscc, fact_type, seq, effective_ticks)
        SELECT uscc, fact_type, seq, effective_ticks FROM facts WHERE seq >= @first
        ON CONFLICT (uscc, fact_type) DO UPDATE SET seq = excluded.seq, effective_ticks = excluded.effective_ticks
        WHERE (excluded.effective_ticks, excluded.seq) > (current_facts.effective_ticks, current_facts.seq);
        """, "@first");
    private readonly SqliteCommand stillCurrent = Create(connection, """
        SELECT f.seq FROM json_each(@sequences) j
        CROSS JOIN facts f ON f.seq = j.value
        CROSS JOIN current_facts c ON c.uscc = f.uscc AND c.fact_type = f.fact_type
        WHERE c.seq = f.seq;
        """, "@sequences");
    private readonly SqliteCommand nameEnterprises = Create(connection, """
        INSERT INTO enterprises (uscc, name, industry)
        SELECT value->>0, value->>1, value->>2 FROM jsonb_each(@rows) WHERE true
        ON CONFLICT (uscc) DO UPDATE SET name = excluded.name, industry = excluded.industry;
        """, "@rows");

    // Every enterprise with a fact is listed, named or not.
    private readonly SqliteCommand listEnterprises = Create(connection, """
        INSERT INTO enterprises (uscc, name, industry)
        SELECT uscc, '', '' FROM facts WHERE seq >= @first
        ON CONFLICT (uscc) DO NOTHING;
        """, "@first");

    /// <summary>Stores the batch's fresh facts and derives the current view and the directory from them, in the writer's transaction.</summary>
    public AppendPlan Append(SqliteTransaction transaction, string publisher, IReadOnlyList<FactDraft> drafts, DateTimeOffset publishTime)
    {
        foreach (var command in All())
        {
            command.Transaction = transaction;
        }

        var batch = Write(drafts);
        var stored = FindStored(publisher, batch);
        // Facts are never deleted, so the next sequence is one past the greatest stored.
        var plan = AppendPlan.Classify(drafts, i => stored.GetValueOrDefault(i), (long)lastSequence.ExecuteScalar()! + 1, publishTime);
        if (plan.Fresh.Count == 0)
        {
            return plan;
        }

        Run(insertFacts, plan.Fresh.Count == drafts.Count ? batch : Write(plan.Fresh), plan.FirstSequence, publisher, publishTime.UtcTicks);
        Run(updateCurrent, plan.FirstSequence);
        if (plan.NamingSequences() is { Count: > 0 } naming)
        {
            // Keeps the directory in step with the batch's naming facts that became current.
            stillCurrent.Parameters[0].Value = JsonSerializer.Serialize(naming);
            var current = Rows.ReadAll(stillCurrent, r => r.GetInt64(0));
            if (plan.NamedEnterprises(current) is { Count: > 0 } named)
            {
                Run(nameEnterprises, WriteDirectory(named));
            }
        }

        Run(listEnterprises, plan.FirstSequence);
        return plan;
    }

    public void Dispose()
    {
        foreach (var command in All())
        {
            command.Dispose();
        }
    }

    /// <summary>What is stored under the drafts' record ids, by draft index; the engine compares the content.</summary>
    private Dictionary<int, StoredRecord> FindStored(string publisher, byte[] drafts)
    {
        (findStored.Parameters[0].Value, findStored.Parameters[1].Value) = (drafts, publisher);
        var stored = new Dictionary<int, StoredRecord>();
        using var reader = findStored.ExecuteReader();
        while (reader.Read())
        {
            stored[reader.GetInt32(0)] = new StoredRecord(reader.GetInt64(1), Rows.Time(reader.GetInt64(2)), reader.GetBoolean(3));
        }

        return stored;
    }

    private SqliteCommand[] All() => [lastSequence, findStored, insertFacts, updateCurrent, stillCurrent, nameEnterprises, listEnterprises];
}
