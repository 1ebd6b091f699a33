using System.Diagnostics;
using EnterpriseHub.Core.Audit;
using EnterpriseHub.Storage.Sqlite;
using EnterpriseHub.Transparency;

namespace EnterpriseHub.Benchmarks;

/// <summary>
/// The audit log's Merkle proofs at scale, on the SQLite store itself: appends N read records in
/// group commits of 1,000 (as the audit trail does), then times inclusion proofs of random records
/// and consistency proofs between random sizes, each verified, and reports the bytes per record
/// of the stored tree nodes.
/// </summary>
internal static class AuditProofBenchmark
{
    private const int Group = 1_000;
    private const int Proofs = 2_000;

    public static async Task RunAsync(string root, long records)
    {
        var path = Path.Combine(root, "audit.db");
        using var store = new SqliteFactStore(new SqliteStoreOptions { DatabasePath = path });
        await store.InitializeAsync(CancellationToken.None);
        var started = Stopwatch.GetTimestamp();
        var time = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        for (long written = 0; written < records; written += Group)
        {
            var entries = new List<AuditEntry>(Group);
            for (var i = 0; i < Group && written + i < records; i++)
            {
                var n = written + i;
                entries.Add(new AuditEntry(
                    time.AddMilliseconds(n), "customs", $"officer-{n % 97}", AuditActions.Read, [$"9144011{n % 1000:000}MA5HUB013L"],
                    ["amr.business_license", "tax.credit_grade"], "inspection (2026)-42", $"req-{n}", "ok"));
            }

            await store.AppendAuditAsync(entries, CancellationToken.None);
            if ((written / Group) % 1000 == 999)
            {
                Console.WriteLine($"  {written + Group:N0} records, {Stopwatch.GetElapsedTime(started).TotalSeconds:N0} s");
            }
        }

        var appendSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var random = new Random(17);
        var root32 = await store.ReadTreeRootAsync(records, CancellationToken.None);

        var inclusion = new List<double>(Proofs);
        for (var i = 0; i < Proofs; i++)
        {
            var sequence = random.NextInt64(1, records + 1);
            var t = Stopwatch.GetTimestamp();
            var proof = await store.ReadInclusionProofAsync(sequence, records, CancellationToken.None);
            inclusion.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            MerkleVerifier.VerifyInclusion(sequence - 1, records, MerkleHash.Leaf(proof.LeafBytes), proof.Proof, root32);
        }

        var consistency = new List<double>(Proofs);
        for (var i = 0; i < Proofs; i++)
        {
            var first = random.NextInt64(1, records + 1);
            var t = Stopwatch.GetTimestamp();
            var proof = await store.ReadConsistencyProofAsync(first, records, CancellationToken.None);
            consistency.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            MerkleVerifier.VerifyConsistency(first, records, proof, await store.ReadTreeRootAsync(first, CancellationToken.None), root32);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var treeBytes = await TableBytesAsync(path, "audit_tree");
        Console.WriteLine();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores; SQLite; {records:N0} audit records appended in {appendSeconds:N0} s ({records / appendSeconds:N0} records/s)");
        Console.WriteLine();
        Console.WriteLine("| proof over the whole log | proofs | p50 ms | p99 ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| inclusion (random record) | {Proofs:N0} | {Percentile(inclusion, 0.5):N3} | {Percentile(inclusion, 0.99):N3} |");
        Console.WriteLine($"| consistency (random first size) | {Proofs:N0} | {Percentile(consistency, 0.5):N3} | {Percentile(consistency, 0.99):N3} |");
        Console.WriteLine();
        Console.WriteLine($"audit_tree: {treeBytes / (double)records:N1} bytes per record ({treeBytes / 1048576.0:N0} MiB)");
    }

    private static double Percentile(List<double> values, double p)
    {
        values.Sort();
        return values[(int)Math.Min(values.Count - 1, values.Count * p)];
    }

    /// <summary>
    /// The bytes the table takes: copied, with its own schema, into a file of its own (this SQLite
    /// build has no dbstat table), whose size is then the table's pages.
    /// </summary>
    private static async Task<long> TableBytesAsync(string path, string table)
    {
        var copy = path + $".{table}";
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT sql FROM sqlite_schema WHERE name = '{table}';";
            var schema = (string)(await command.ExecuteScalarAsync())!;
            // A table renamed by a migration has its name quoted in its schema.
            var copied = System.Text.RegularExpressions.Regex.Replace(schema, $"^CREATE TABLE \"?{table}\"?", $"CREATE TABLE copy.{table}");
            command.CommandText = $"ATTACH '{copy}' AS copy; {copied}; "
                + $"INSERT INTO copy.{table} SELECT * FROM main.{table}; DETACH copy;";
            await command.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return new FileInfo(copy).Length;
    }
}
