using System.Data.Common;
using System.Globalization;
using EnterpriseHub.Core.Audit.Merkle;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Proactive;
using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;

using static EnterpriseHub.Storage.Sqlite.Prepared;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The multi-row writes: one prepared statement run once per row where each row's outcome is
/// needed (notices), one statement over a JSON parameter where it is not (profiles).
/// </summary>
internal sealed partial class SqliteEngine
{
    public override Task<AuditTail> LockAuditChainAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        auditStatements!.LastAsync((SqliteTransaction)transaction, cancellationToken);

    public override Task InsertAuditAsync(DbConnection connection, DbTransaction transaction, AuditAppend append, CancellationToken cancellationToken)
    {
        auditStatements!.Insert((SqliteTransaction)transaction, append);
        return Task.CompletedTask;
    }

    public override Task InsertTreeAsync(DbConnection connection, DbTransaction transaction, List<MerkleNode> nodes, CancellationToken cancellationToken)
    {
        auditStatements!.InsertNodes((SqliteTransaction)transaction, nodes);
        return Task.CompletedTask;
    }

    /// <summary>
    /// One statement for the page's profiles, which travel as one JSON parameter: a profile per
    /// prepared-statement run cost seven binds, each taking the connection's mutex. jsonb_each parses
    /// the text once into SQLite's binary JSON, so each <c>value->>N</c> reads a binary element
    /// instead of parsing the row's text again. Rows apply in order, so a profile given twice keeps
    /// its last. Scores are decimal text, kept exactly.
    /// </summary>
    public override Task UpsertProfilesAsync(
        DbConnection connection, DbTransaction transaction, long generation, IReadOnlyList<CreditProfile> profiles, CancellationToken cancellationToken)
    {
        using var upsert = Prepare(connection, transaction, """
            INSERT INTO credit_profiles (generation, uscc, level, score, signals, next_change_ticks, rules_version)
            SELECT @generation, value->>0, value->>1, value->>2, value->>3, value->>4, value->>5
            FROM jsonb_each(CAST(@profiles AS TEXT)) WHERE true
            ON CONFLICT (generation, uscc) DO UPDATE SET
                level = excluded.level, score = excluded.score, signals = excluded.signals,
                next_change_ticks = excluded.next_change_ticks, rules_version = excluded.rules_version;
            """, "@generation", "@profiles");
        Run(upsert, generation, DraftJson.JsonRows(profiles, static (writer, p) =>
        {
            writer.WriteStringValue(p.Uscc);
            writer.WriteStringValue(p.Level.ToString());
            writer.WriteStringValue(p.Score.ToString(CultureInfo.InvariantCulture));
            writer.WriteStringValue(CreditSignalJson.Write(p.Signals));
            if (p.NextChange is { } next)
            {
                writer.WriteNumberValue(next.UtcTicks);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteNumberValue(p.RulesVersion);
        }));
        return Task.CompletedTask;
    }

    public override Task InsertAlertsAsync(DbConnection connection, DbTransaction transaction, List<CreditAlert> alerts, CancellationToken cancellationToken)
    {
        using var insert = Prepare(
            connection, transaction, $"INSERT INTO credit_alerts ({CreditColumns.Alert}) VALUES (@seq, @uscc, @before, @after, @reason, @time, @fact);",
            "@seq", "@uscc", "@before", "@after", "@reason", "@time", "@fact");
        foreach (var a in alerts)
        {
            Run(insert, a.Sequence, a.Uscc, a.Before.ToString(), a.After.ToString(), a.Reason, a.Time.UtcTicks, a.FactSequence);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A key already stored, or repeated within the list, is skipped and takes no number. A stored
    /// notice is what was bound, so it is made here rather than read back: reading each row back
    /// (RETURNING) cost a notice about six times what its insert does (docs/benchmarks.md).
    /// </summary>
    public override Task<List<Notice>> InsertNoticesAsync(
        DbConnection connection, DbTransaction transaction, long last, IReadOnlyList<NewNotice> notices, CancellationToken cancellationToken)
    {
        using var insert = Prepare(connection, transaction, $"""
            INSERT INTO notices ({NoticeColumns.Notice}) VALUES (@seq, @uscc, @key, @kind, @department, @title, @body, @delivered, @due, NULL)
            ON CONFLICT (uscc, key) DO NOTHING;
            """, "@seq", "@uscc", "@key", "@kind", "@department", "@title", "@body", "@delivered", "@due");
        var stored = new List<Notice>(notices.Count);
        foreach (var n in notices)
        {
            Bind(insert, last + 1, n.Uscc, n.Key, n.Kind.ToString(), n.Department, n.Title, n.Body, n.At.UtcTicks, n.DueAt?.UtcTicks);
            if (insert.ExecuteNonQuery() == 1)
            {
                stored.Add(new Notice(
                    ++last, n.Uscc, n.Key, n.Kind, n.Department, n.Title, n.Body, Rows.Time(n.At.UtcTicks),
                    n.DueAt is { } due ? Rows.Time(due.UtcTicks) : null, ReadAt: null));
            }
        }

        return Task.FromResult(stored);
    }

    private static SqliteCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        var command = Create((SqliteConnection)connection, sql, parameters);
        command.Transaction = (SqliteTransaction)transaction;
        return command;
    }
}
