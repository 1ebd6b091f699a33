using EnterpriseHub.Storage.Common;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// The embedded fact store: one SQLite file in WAL mode, written by one serialized writer and
/// read through pooled connections.
/// </summary>
public sealed class SqliteFactStore(SqliteStoreOptions options) : SqlFactStore(new SqliteEngine(options));
