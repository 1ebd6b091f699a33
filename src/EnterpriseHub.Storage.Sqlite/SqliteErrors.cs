using EnterpriseHub.Core.Errors;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Sqlite;

/// <summary>
/// Which engine errors mean "the store cannot serve now, retry" rather than a bug. Their
/// messages carry file paths, so callers get a fixed message and the original stays inner.
/// </summary>
internal static class SqliteErrors
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Full = 13;
    private const int CantOpen = 14;

    public static bool IsUnavailable(SqliteException exception) =>
        (exception.SqliteErrorCode & 0xFF) is Busy or Locked or ReadOnly or IoError or Full or CantOpen;

    public static HubUnavailableException Unavailable(SqliteException exception) =>
        new("The fact store is unavailable; retry later.", exception);
}
