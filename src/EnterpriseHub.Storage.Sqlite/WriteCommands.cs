using EnterpriseHub.Core.Facts;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>The writer's prepared statements; parameters are bound by value for each row.</summary>
internal sealed class WriteCommands : IDisposable
{
    private readonly SqliteCommand lastSequence;
    private readonly SqliteCommand insertFact;
    private readonly SqliteCommand findFact;
    private readonly SqliteCommand upsertCurrent;
    private readonly SqliteCommand upsertEnterprise;
    private readonly SqliteCommand listEnterprise;

    public WriteCommands(SqliteConnection connection)
    {
        lastSequence = Create(connection, "SELECT coalesce(max(seq), 0) FROM facts;");
        insertFact = Create(connection, """
            INSERT INTO facts (seq, uscc, fact_type, publisher, source_record_id, effective_ticks, publish_ticks, attributes)
            VALUES ($seq, $uscc, $type, $publisher, $record, $effective, $published, $attributes)
            ON CONFLICT (publisher, source_record_id) DO NOTHING;
            """, "$seq", "$uscc", "$type", "$publisher", "$record", "$effective", "$published", "$attributes");
        findFact = Create(connection, """
            SELECT seq, publish_ticks FROM facts
            WHERE publisher = $publisher AND source_record_id = $record
              AND uscc = $uscc AND fact_type = $type AND effective_ticks = $effective AND attributes = $attributes;
            """, "$publisher", "$record", "$uscc", "$type", "$effective", "$attributes");
        // The greatest (effective time, sequence) wins, so a backdated fact stays in history only.
        upsertCurrent = Create(connection, """
            INSERT INTO current_facts (uscc, fact_type, seq, effective_ticks) VALUES ($uscc, $type, $seq, $effective)
            ON CONFLICT (uscc, fact_type) DO UPDATE SET seq = excluded.seq, effective_ticks = excluded.effective_ticks
            WHERE excluded.effective_ticks > current_facts.effective_ticks
               OR (excluded.effective_ticks = current_facts.effective_ticks AND excluded.seq > current_facts.seq);
            """, "$uscc", "$type", "$seq", "$effective");
        upsertEnterprise = Create(connection, """
            INSERT INTO enterprises (uscc, name, industry) VALUES ($uscc, $name, $industry)
            ON CONFLICT (uscc) DO UPDATE SET name = excluded.name, industry = excluded.industry;
            """, "$uscc", "$name", "$industry");
        listEnterprise = Create(connection, """
            INSERT INTO enterprises (uscc, name, industry) VALUES ($uscc, '', '') ON CONFLICT (uscc) DO NOTHING;
            """, "$uscc");
    }

    public void Enlist(SqliteTransaction transaction)
    {
        lastSequence.Transaction = transaction;
        insertFact.Transaction = transaction;
        findFact.Transaction = transaction;
        upsertCurrent.Transaction = transaction;
        upsertEnterprise.Transaction = transaction;
        listEnterprise.Transaction = transaction;
    }

    public long LastSequence() => (long)lastSequence.ExecuteScalar()!;

    /// <summary>False when the publisher's record id is already stored; nothing is written then.</summary>
    public bool TryInsertFact(string publisher, FactDraft draft, long sequence, long publishTicks)
    {
        var p = insertFact.Parameters;
        p[0].Value = sequence;
        p[1].Value = draft.Uscc;
        p[2].Value = draft.FactType;
        p[3].Value = publisher;
        p[4].Value = draft.SourceRecordId;
        p[5].Value = draft.EffectiveTime.UtcTicks;
        p[6].Value = publishTicks;
        p[7].Value = draft.AttributesJson;
        return insertFact.ExecuteNonQuery() == 1;
    }

    /// <summary>The stored fact under the draft's record id when its content is the same; otherwise null.</summary>
    public AppendedFact? FindSame(string publisher, FactDraft draft)
    {
        var p = findFact.Parameters;
        p[0].Value = publisher;
        p[1].Value = draft.SourceRecordId;
        p[2].Value = draft.Uscc;
        p[3].Value = draft.FactType;
        p[4].Value = draft.EffectiveTime.UtcTicks;
        p[5].Value = draft.AttributesJson;
        using var reader = findFact.ExecuteReader();
        return reader.Read()
            ? new AppendedFact(reader.GetInt64(0), FactColumns.FromTicks(reader.GetInt64(1)), Duplicate: true)
            : null;
    }

    /// <summary>True when the fact became the current one of its enterprise and type.</summary>
    public bool UpsertCurrent(FactDraft draft, long sequence)
    {
        var p = upsertCurrent.Parameters;
        p[0].Value = draft.Uscc;
        p[1].Value = draft.FactType;
        p[2].Value = sequence;
        p[3].Value = draft.EffectiveTime.UtcTicks;
        return upsertCurrent.ExecuteNonQuery() == 1;
    }

    public void UpsertEnterprise(string uscc, string name, string industry)
    {
        var p = upsertEnterprise.Parameters;
        p[0].Value = uscc;
        p[1].Value = name;
        p[2].Value = industry;
        upsertEnterprise.ExecuteNonQuery();
    }

    public void ListEnterprise(string uscc)
    {
        listEnterprise.Parameters[0].Value = uscc;
        listEnterprise.ExecuteNonQuery();
    }

    public void Dispose()
    {
        lastSequence.Dispose();
        insertFact.Dispose();
        findFact.Dispose();
        upsertCurrent.Dispose();
        upsertEnterprise.Dispose();
        listEnterprise.Dispose();
    }

    private static SqliteCommand Create(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
