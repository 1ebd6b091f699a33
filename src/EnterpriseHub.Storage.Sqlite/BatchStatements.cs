using EnterpriseHub.Core.Enterprises;
using EnterpriseHub.Core.Facts;
using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;
using static EnterpriseHub.Storage.Sqlite.DraftJson;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The writer's prepared statements. A batch arrives as <see cref="DraftJson"/> text; the
/// sequence of the draft at index <c>key</c> is <c>$first + key</c>. CROSS JOIN keeps the batch
/// as the outer loop: the planner cannot know its size and would otherwise scan the facts.
/// </summary>
internal sealed class BatchStatements : IDisposable
{
    private readonly SqliteCommand lastSequence;
    private readonly SqliteCommand findStored;
    private readonly SqliteCommand insertFacts;
    private readonly SqliteCommand updateCurrent;
    private readonly SqliteCommand listEnterprises;
    private readonly SqliteCommand currentLicences;
    private readonly SqliteCommand nameEnterprises;

    public BatchStatements(SqliteConnection connection)
    {
        lastSequence = Create(connection, "SELECT coalesce(max(seq), 0) FROM facts;");
        findStored = Create(connection, $"""
            SELECT j.key, f.seq, f.publish_ticks,
                   f.uscc = j.{UsccValue} AND f.fact_type = j.{FactTypeValue}
                   AND f.effective_ticks = j.{EffectiveTicksValue} AND f.attributes = j.{AttributesValue}
            FROM jsonb_each($drafts) j
            CROSS JOIN facts f ON f.publisher = $publisher AND f.source_record_id = j.{RecordIdValue};
            """, "$drafts", "$publisher");
        insertFacts = Create(connection, $"""
            INSERT INTO facts (seq, uscc, fact_type, publisher, source_record_id, effective_ticks, publish_ticks, attributes)
            SELECT $first + key, {UsccValue}, {FactTypeValue}, $publisher, {RecordIdValue}, {EffectiveTicksValue}, $published, {AttributesValue}
            FROM jsonb_each($drafts);
            """, "$drafts", "$first", "$publisher", "$published");

        // The views are derived from the rows just inserted (seq >= $first): reading them back by
        // rowid is cheaper than extracting the batch from JSON again.
        // The greatest (effective time, sequence) wins, so a backdated fact stays in history only.
        updateCurrent = Create(connection, """
            INSERT INTO current_facts (uscc, fact_type, seq, effective_ticks)
            SELECT uscc, fact_type, seq, effective_ticks FROM facts WHERE seq >= $first
            ON CONFLICT (uscc, fact_type) DO UPDATE SET seq = excluded.seq, effective_ticks = excluded.effective_ticks
            WHERE (excluded.effective_ticks, excluded.seq) > (current_facts.effective_ticks, current_facts.seq);
            """, "$first");
        currentLicences = Create(connection, $"""
            SELECT f.seq FROM facts f
            CROSS JOIN current_facts c ON c.uscc = f.uscc AND c.fact_type = f.fact_type
            WHERE f.seq >= $first AND f.fact_type = '{EnterpriseIdentity.LicenceFactType}' AND c.seq = f.seq;
            """, "$first");
        nameEnterprises = Create(connection, """
            INSERT INTO enterprises (uscc, name, industry)
            SELECT value->>0, value->>1, value->>2 FROM json_each($rows) WHERE true
            ON CONFLICT (uscc) DO UPDATE SET name = excluded.name, industry = excluded.industry;
            """, "$rows");
        // Every enterprise with a fact is listed, named or not.
        listEnterprises = Create(connection, """
            INSERT INTO enterprises (uscc, name, industry)
            SELECT uscc, '', '' FROM facts WHERE seq >= $first
            ON CONFLICT (uscc) DO NOTHING;
            """, "$first");
    }

    public void Enlist(SqliteTransaction transaction)
    {
        foreach (var command in All())
        {
            command.Transaction = transaction;
        }
    }

    public long LastSequence() => (long)lastSequence.ExecuteScalar()!;

    /// <summary>What is stored under the drafts' record ids, by draft index; the engine compares the content.</summary>
    public Dictionary<int, StoredRecord> FindStored(string publisher, string drafts)
    {
        findStored.Parameters[0].Value = drafts;
        findStored.Parameters[1].Value = publisher;
        var stored = new Dictionary<int, StoredRecord>();
        using var reader = findStored.ExecuteReader();
        while (reader.Read())
        {
            stored[reader.GetInt32(0)] = new StoredRecord(reader.GetInt64(1), Rows.Time(reader.GetInt64(2)), reader.GetBoolean(3));
        }

        return stored;
    }

    public void InsertFacts(string publisher, string drafts, long first, long publishTicks)
    {
        var p = insertFacts.Parameters;
        p[0].Value = drafts;
        p[1].Value = first;
        p[2].Value = publisher;
        p[3].Value = publishTicks;
        insertFacts.ExecuteNonQuery();
    }

    /// <summary>Makes the batch's facts current where they win; returns the sequences of the licences that did.</summary>
    public List<long> UpdateCurrent(long first)
    {
        updateCurrent.Parameters[0].Value = first;
        updateCurrent.ExecuteNonQuery();
        currentLicences.Parameters[0].Value = first;
        var sequences = new List<long>();
        using var reader = currentLicences.ExecuteReader();
        while (reader.Read())
        {
            sequences.Add(reader.GetInt64(0));
        }

        return sequences;
    }

    /// <summary>Sets the name and industry of enterprises from directory rows.</summary>
    public void NameEnterprises(string rows)
    {
        nameEnterprises.Parameters[0].Value = rows;
        nameEnterprises.ExecuteNonQuery();
    }

    /// <summary>Lists the enterprises of the batch that are not listed yet.</summary>
    public void ListEnterprises(long first)
    {
        listEnterprises.Parameters[0].Value = first;
        listEnterprises.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in All())
        {
            command.Dispose();
        }
    }

    private SqliteCommand[] All() =>
        [lastSequence, findStored, insertFacts, updateCurrent, listEnterprises, currentLicences, nameEnterprises];

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
