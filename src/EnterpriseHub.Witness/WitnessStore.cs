using EnterpriseHub.Transparency;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Witness;

/// <summary>The latest checkpoint cosigned for a log: its size and root hash.</summary>
internal sealed record WitnessedState(long Size, byte[] Root)
{
    /// <summary>The state of a log never cosigned: the empty tree.</summary>
    public static WitnessedState Empty { get; } = new(0, MerkleHash.EmptyRoot());
}

/// <summary>
/// One row per origin in SQLite. <see cref="TryAdvance"/> is a compare-and-swap, so two requests
/// checked against the same old state cannot both win and roll the log back.
/// </summary>
internal sealed class WitnessStore
{
    private readonly string _connectionString;

    public WitnessStore(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS witnessed (origin TEXT PRIMARY KEY, size INTEGER NOT NULL, root BLOB NOT NULL) STRICT";
        command.ExecuteNonQuery();
    }

    /// <summary>The latest cosigned state of <paramref name="origin"/>, or the empty tree.</summary>
    public WitnessedState Get(string origin)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT size, root FROM witnessed WHERE origin = $origin";
        command.Parameters.AddWithValue("$origin", origin);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new(reader.GetInt64(0), (byte[])reader[1]) : WitnessedState.Empty;
    }

    /// <summary>Moves <paramref name="origin"/> from <paramref name="from"/> to <paramref name="to"/> if it still is at <paramref name="from"/>.</summary>
    public bool TryAdvance(string origin, WitnessedState from, WitnessedState to)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(); // IMMEDIATE: the write lock is taken before the read
        // A missing row is the empty tree, so the first checkpoint swaps against (0, empty root) like any other.
        Execute(connection, "INSERT INTO witnessed (origin, size, root) VALUES ($origin, 0, $oldRoot) ON CONFLICT (origin) DO NOTHING",
            origin, WitnessedState.Empty, WitnessedState.Empty);
        var swapped = Execute(connection,
            "UPDATE witnessed SET size = $size, root = $root WHERE origin = $origin AND size = $oldSize AND root = $oldRoot",
            origin, from, to) == 1;
        transaction.Commit();
        return swapped;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static int Execute(SqliteConnection connection, string sql, string origin, WitnessedState from, WitnessedState to)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$origin", origin);
        command.Parameters.AddWithValue("$oldSize", from.Size);
        command.Parameters.AddWithValue("$oldRoot", from.Root);
        command.Parameters.AddWithValue("$size", to.Size);
        command.Parameters.AddWithValue("$root", to.Root);
        return command.ExecuteNonQuery();
    }
}
