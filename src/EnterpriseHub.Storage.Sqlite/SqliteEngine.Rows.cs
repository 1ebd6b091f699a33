using System.Data.Common;
using System.Globalization;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Core.Credit;
using EnterpriseHub.Core.Proactive;
using EnterpriseHub.Storage.Common;
using Microsoft.Data.Sqlite;

using static EnterpriseHub.Storage.Sqlite.Prepared;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The multi-row writes: in-process, one prepared statement run once per row is as fast as any
/// set-based form, and each row's outcome is at hand.
/// </summary>
internal sealed partial class SqliteEngine
{
    public override Task<AuditHead> LockAuditChainAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.FromResult(auditStatements!.Last((SqliteTransaction)transaction));

    public override Task InsertAuditAsync(DbConnection connection, DbTransaction transaction, List<AuditRecord> records, CancellationToken cancellationToken)
    {
        auditStatements!.Insert((SqliteTransaction)transaction, records);
        return Task.CompletedTask;
    }

    /// <summary>Scores are decimal text, kept exactly.</summary>
    public override Task UpsertProfilesAsync(
        DbConnection connection, DbTransaction transaction, long generation, IReadOnlyList<CreditProfile> profiles, CancellationToken cancellationToken)
    {
        using var upsert = Prepare(connection, transaction, """
            INSERT INTO credit_profiles (generation, uscc, level, score, signals, next_change_ticks, rules_version)
            VALUES (@generation, @uscc, @level, @score, @signals, @next, @rules)
            ON CONFLICT (generation, uscc) DO UPDATE SET
                level = excluded.level, score = excluded.score, signals = excluded.signals,
                next_change_ticks = excluded.next_change_ticks, rules_version = excluded.rules_version;
            """, "@generation", "@uscc", "@level", "@score", "@signals", "@next", "@rules");
        foreach (var p in profiles)
        {
            Run(upsert, generation, p.Uscc, p.Level.ToString(), p.Score.ToString(CultureInfo.InvariantCulture), CreditSignalJson.Write(p.Signals),
                p.NextChange?.UtcTicks, p.RulesVersion);
        }

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

    /// <summary>A key already stored, or repeated within the list, is skipped and takes no number.</summary>
    public override Task<List<Notice>> InsertNoticesAsync(
        DbConnection connection, DbTransaction transaction, long last, IReadOnlyList<NewNotice> notices, CancellationToken cancellationToken)
    {
        using var insert = Prepare(connection, transaction, $"""
            INSERT INTO notices ({NoticeColumns.Notice}) VALUES (@seq, @uscc, @key, @kind, @department, @title, @body, @delivered, @due, NULL)
            ON CONFLICT (uscc, key) DO NOTHING RETURNING {NoticeColumns.Notice};
            """, "@seq", "@uscc", "@key", "@kind", "@department", "@title", "@body", "@delivered", "@due");
        var stored = new List<Notice>(notices.Count);
        foreach (var n in notices)
        {
            Bind(insert, last + 1, n.Uscc, n.Key, n.Kind.ToString(), n.Department, n.Title, n.Body, n.At.UtcTicks, n.DueAt?.UtcTicks);
            if (Rows.ReadAll(insert, NoticeColumns.ReadNotice) is [var added])
            {
                stored.Add(added);
                last++;
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
