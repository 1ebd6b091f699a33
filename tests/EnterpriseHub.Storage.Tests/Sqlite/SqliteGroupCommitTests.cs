using System.Data.Common;
using EnterpriseHub.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace EnterpriseHub.Storage.Tests.Sqlite;

/// <summary>
/// The writer's group commit: writes that wait together commit together, a write that fails is
/// undone alone, a failure of the store fails the whole group, and no write is answered before
/// the commit that holds it.
/// </summary>
public sealed class SqliteGroupCommitTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "hub-group-commit-tests", Guid.NewGuid().ToString("N"));
    private readonly SqliteEngine engine;

    public SqliteGroupCommitTests()
    {
        engine = new SqliteEngine(new SqliteStoreOptions { DatabasePath = Path.Combine(folder, "hub.db") });
        engine.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await engine.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task WritesWaitingTogether_CommitTogether_AndTheOneThatFails_IsUndoneAlone()
    {
        var (first, releaseFirst) = await BlockTheWriterAsync("first");
        var second = Insert("second");
        var failing = engine.InTransactionAsync<int>(
            async (c, t) =>
            {
                await InsertAsync(c, t, "failing");
                throw new InvalidOperationException("the write's own rule");
            },
            CancellationToken.None);
        var (last, lastStarted, releaseLast) = Held("last");

        releaseFirst.SetResult();
        await first.WaitAsync(Timeout);
        await lastStarted.Task.WaitAsync(Timeout);

        // The second write has run, in the same transaction as the last, which is not done yet.
        Assert.False(second.IsCompleted);
        Assert.DoesNotContain("second", await CommittedAsync());
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Timeout));
        Assert.Equal("the write's own rule", refused.Message);

        releaseLast.SetResult();
        Assert.Equal(1, await second.WaitAsync(Timeout));
        Assert.Equal(1, await last.WaitAsync(Timeout));
        Assert.Equal(["first", "last", "second"], await CommittedAsync());
    }

    [Fact]
    public async Task AFailureOfTheStore_FailsEveryWriteOfItsGroup_AndTheWriterGoesOn()
    {
        var (first, releaseFirst) = await BlockTheWriterAsync("first");
        var before = Insert("before");
        var broken = new SqliteException("disk I/O error", 10);
        var failing = engine.InTransactionAsync<int>(
            async (c, t) =>
            {
                await InsertAsync(c, t, "failing");
                throw broken;
            },
            CancellationToken.None);
        var after = Insert("after");

        releaseFirst.SetResult();
        await first.WaitAsync(Timeout);

        foreach (var write in new[] { before, failing, after })
        {
            Assert.Same(broken, await Assert.ThrowsAsync<SqliteException>(() => write.WaitAsync(Timeout)));
        }

        Assert.Equal(["first"], await CommittedAsync());
        Assert.Equal(1, await Insert("next").WaitAsync(Timeout));
        Assert.Equal(["first", "next"], await CommittedAsync());
    }

    [Fact]
    public async Task AWriteCancelledWhileItWaits_NeverRuns()
    {
        var (first, releaseFirst) = await BlockTheWriterAsync("first");
        using var cancel = new CancellationTokenSource();
        var ran = false;
        var cancelled = engine.InTransactionAsync(
            (c, t) =>
            {
                ran = true;
                return InsertAsync(c, t, "cancelled");
            },
            cancel.Token);
        var after = Insert("after");

        await cancel.CancelAsync();
        releaseFirst.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Timeout));
        Assert.False(ran);
        await first.WaitAsync(Timeout);
        await after.WaitAsync(Timeout);
        Assert.Equal(["after", "first"], await CommittedAsync());
    }

    [Fact]
    public async Task Dispose_CommitsTheWritesAlreadyWaiting()
    {
        var (first, releaseFirst) = await BlockTheWriterAsync("first");
        var waiting = Insert("waiting");

        var disposing = Task.Run(() => engine.Dispose());
        releaseFirst.SetResult();
        await disposing.WaitAsync(Timeout);

        Assert.Equal(1, await waiting.WaitAsync(Timeout));
        await first.WaitAsync(Timeout);
        await using var reopened = new SqliteEngine(new SqliteStoreOptions { DatabasePath = Path.Combine(folder, "hub.db") });
        await reopened.StartAsync(CancellationToken.None);
        Assert.Equal(["first", "waiting"], await CommittedAsync(reopened));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Insert("late"));
    }

    /// <summary>A write that holds the writer until released, once it runs: what is queued meanwhile forms the next group.</summary>
    private async Task<(Task<int> Write, TaskCompletionSource Release)> BlockTheWriterAsync(string name)
    {
        var (write, started, release) = Held(name);
        await started.Task.WaitAsync(Timeout);
        return (write, release);
    }

    /// <summary>A write that, once it runs, says so and waits to be released before it inserts its row.</summary>
    private (Task<int> Write, TaskCompletionSource Started, TaskCompletionSource Release) Held(string name)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var write = engine.InTransactionAsync(
            async (c, t) =>
            {
                started.SetResult();
                await release.Task;
                return await InsertAsync(c, t, name);
            },
            CancellationToken.None);
        return (write, started, release);
    }

    private Task<int> Insert(string name) => engine.InTransactionAsync((c, t) => InsertAsync(c, t, name), CancellationToken.None);

    private static async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, string name)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO enterprises (uscc, name, industry) VALUES (@name, @name, '');";
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = ("@name", name);
        command.Parameters.Add(parameter);
        return await command.ExecuteNonQueryAsync();
    }

    private Task<List<string>> CommittedAsync() => CommittedAsync(engine);

    private static async Task<List<string>> CommittedAsync(SqliteEngine from)
    {
        await using var connection = await from.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT uscc FROM enterprises ORDER BY uscc;";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
