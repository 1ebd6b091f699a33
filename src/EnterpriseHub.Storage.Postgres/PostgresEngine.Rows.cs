using System.Data.Common;
using EnterpriseHub.Core.Audit.Merkle;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Proactive;
using EnterpriseHub.Storage.Common;
using Npgsql;
using NpgsqlTypes;

namespace EnterpriseHub.Storage.Postgres;

/// <summary>The multi-row writes: one round trip each, the rows travelling as arrays wherever they can.</summary>
internal sealed partial class PostgresEngine
{
    /// <summary>One insert per record (its lists are arrays themselves), the access log rows and the tree nodes, in one batch.</summary>
    public override async Task InsertAuditAsync(
        DbConnection connection, DbTransaction transaction, AuditAppend append, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection);
        AddAudit(batch, append);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task InsertTreeAsync(DbConnection connection, DbTransaction transaction, List<MerkleNode> nodes, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection);
        AddNodes(batch, nodes);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An upsert may touch a row once, so a profile given twice keeps its last.</summary>
    public override Task UpsertProfilesAsync(
        DbConnection connection, DbTransaction transaction, long generation, IReadOnlyList<CreditProfile> profiles, CancellationToken cancellationToken)
    {
        var last = new Dictionary<string, CreditProfile>(profiles.Count, StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            last[profile.Uscc] = profile;
        }

        var rows = last.Values.ToList();
        return Sql.ExecuteAsync(connection, transaction, """
            INSERT INTO credit_profiles (generation, uscc, level, score, signals, next_change_ticks, rules_version)
            SELECT @generation, * FROM unnest(@usccs, @levels, @scores, @signals, @next, @rules)
            ON CONFLICT (generation, uscc) DO UPDATE SET
                level = excluded.level, score = excluded.score, signals = excluded.signals,
                next_change_ticks = excluded.next_change_ticks, rules_version = excluded.rules_version;
            """, cancellationToken,
            ("@generation", generation), ("@usccs", Column(rows, p => p.Uscc)), ("@levels", Column(rows, p => p.Level.ToString())),
            ("@scores", Column(rows, p => p.Score)), ("@signals", Column(rows, p => CreditSignalJson.Write(p.Signals))),
            ("@next", Column(rows, p => p.NextChange?.UtcTicks)), ("@rules", Column(rows, p => p.RulesVersion)));
    }

    public override Task InsertAlertsAsync(DbConnection connection, DbTransaction transaction, List<CreditAlert> alerts, CancellationToken cancellationToken) =>
        Sql.ExecuteAsync(
            connection, transaction,
            $"INSERT INTO credit_alerts ({CreditColumns.Alert}) SELECT * FROM unnest(@seq, @uscc, @before, @after, @reason, @time, @fact);",
            cancellationToken,
            ("@seq", Column(alerts, a => a.Sequence)), ("@uscc", Column(alerts, a => a.Uscc)), ("@before", Column(alerts, a => a.Before.ToString())),
            ("@after", Column(alerts, a => a.After.ToString())), ("@reason", Column(alerts, a => a.Reason)),
            ("@time", Column(alerts, a => a.Time.UtcTicks)), ("@fact", Column(alerts, a => a.FactSequence)));

    /// <summary>
    /// Under the state row's lock no other delivery can store a key meanwhile, so a key is never met
    /// twice and the numbers have no gaps (a conflict would be an error rather than a silent gap).
    /// </summary>
    public override async Task<List<Notice>> InsertNoticesAsync(
        DbConnection connection, DbTransaction transaction, long last, IReadOnlyList<NewNotice> notices, CancellationToken cancellationToken)
    {
        var stored = await Sql.QueryAsync(
            connection, transaction, $"""
            INSERT INTO notices ({NoticeColumns.Notice})
            SELECT @last + row_number() OVER (ORDER BY n.ord), n.uscc, n.key, n.kind, n.department, n.title, n.body, n.delivered, n.due, NULL
            FROM (
                SELECT DISTINCT ON (u.uscc, u.key) u.*
                FROM unnest(@uscc, @key, @kind, @department, @title, @body, @delivered, @due)
                    WITH ORDINALITY AS u (uscc, key, kind, department, title, body, delivered, due, ord)
                ORDER BY u.uscc, u.key, u.ord) n
            WHERE NOT EXISTS (SELECT 1 FROM notices o WHERE o.uscc = n.uscc AND o.key = n.key)
            RETURNING {NoticeColumns.Notice};
            """, NoticeColumns.ReadNotice, cancellationToken,
            ("@last", last), ("@uscc", Column(notices, n => n.Uscc)), ("@key", Column(notices, n => n.Key)),
            ("@kind", Column(notices, n => n.Kind.ToString())), ("@department", Column(notices, n => n.Department)),
            ("@title", Column(notices, n => n.Title)), ("@body", Column(notices, n => n.Body)),
            ("@delivered", Column(notices, n => n.At.UtcTicks)), ("@due", Column(notices, n => n.DueAt?.UtcTicks))).ConfigureAwait(false);
        stored.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return stored;
    }

    /// <summary>Adds the inserts of linked audit records, of the access log rows of those it keeps and of the tree nodes they finish, to a batch.</summary>
    private static void AddAudit(NpgsqlBatch batch, AuditAppend append)
    {
        var records = append.Records;
        for (var i = 0; i < records.Count; i++)
        {
            var (record, e) = (records[i], records[i].Entry);
            batch.BatchCommands.Add(BatchCommand("""
                INSERT INTO audit_records (
                    seq, time_ticks, caller, officer_id, action, usccs, fact_types, purpose, request_id, outcome, detail, previous_hash, hash, correlation_id, salt)
                VALUES (@seq, @time, @caller, @officer, @action, @usccs, @types, @purpose, @request, @outcome, @detail, @previous, @hash, @correlation, @salt);
                """,
                ("@seq", record.Sequence), ("@time", e.Time.UtcTicks), ("@caller", e.Caller), ("@officer", e.OfficerId), ("@action", e.Action),
                ("@usccs", e.Usccs.ToArray()), ("@types", e.FactTypes.ToArray()), ("@purpose", e.Purpose), ("@request", e.RequestId),
                ("@outcome", e.Outcome), ("@detail", e.Detail), ("@previous", record.PreviousHash), ("@hash", record.Hash),
                ("@correlation", e.CorrelationId), ("@salt", append.Salts[i])));
        }

        var reads = SqlAuditChain.Reads(records).ToList();
        if (reads.Count > 0)
        {
            batch.BatchCommands.Add(BatchCommand(
                "INSERT INTO audit_reads (uscc, seq) SELECT * FROM unnest(@usccs, @seqs) ON CONFLICT DO NOTHING;",
                ("@usccs", Column(reads, r => r.Uscc)), ("@seqs", Column(reads, r => r.Sequence))));
        }

        AddNodes(batch, append.Nodes);
    }

    /// <summary>Adds the insert of finished tree nodes, all in one statement over arrays, to a batch (nothing when there are none).</summary>
    private static void AddNodes(NpgsqlBatch batch, List<MerkleNode> nodes)
    {
        if (nodes.Count > 0)
        {
            batch.BatchCommands.Add(BatchCommand(
                "INSERT INTO audit_tree (finished, level, hash) SELECT * FROM unnest(@finished, @levels, @hashes);",
                ("@finished", Column(nodes, n => AuditTree.Finished(n.Level, n.Index))), ("@levels", Column(nodes, n => n.Level)),
                ("@hashes", Column(nodes, n => n.Hash))));
        }
    }

    private static NpgsqlBatchCommand BatchCommand(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value is NpgsqlParameter typed ? typed : new NpgsqlParameter(name, value ?? DBNull.Value));
            command.Parameters[^1].ParameterName = name;
        }

        return command;
    }

    /// <summary>A column of rows as a typed array (a NULL inside one keeps the element type).</summary>
    private static NpgsqlParameter Column<TRow, T>(IReadOnlyList<TRow> rows, Func<TRow, T> value)
    {
        var values = new T[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = value(rows[i]);
        }

        return new NpgsqlParameter { Value = values, NpgsqlDbType = NpgsqlDbType.Array | TypeOf(typeof(T)) };
    }

    private static NpgsqlDbType TypeOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(long) => NpgsqlDbType.Bigint,
        var t when t == typeof(int) => NpgsqlDbType.Integer,
        var t when t == typeof(decimal) => NpgsqlDbType.Numeric,
        var t when t == typeof(byte[]) => NpgsqlDbType.Bytea,
        _ => NpgsqlDbType.Text,
    };
}
