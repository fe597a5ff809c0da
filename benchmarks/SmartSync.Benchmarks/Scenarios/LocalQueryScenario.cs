using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SmartSync.Benchmarks.Harness;
using SmartSync.Benchmarks.Replay;
using SmartSync.Data;

namespace SmartSync.Benchmarks.Scenarios;

/// <summary>
/// (7) Typed local data access (docs/data-access.md): the generated <c>TaskRecord</c> queried through
/// <c>client.Records.Query</c> on a device database of <see cref="BenchmarkSettings.QueryTableRows"/> tasks.
/// (a) 50 rows found by an indexed lookup; (b) <see cref="BenchmarkSettings.QueryReadRows"/> typed records read
/// against a raw SqliteDataReader loop over the same SQL and rows, in the same run; allocations per row of both.
/// </summary>
public static class LocalQueryScenario
{
    public const double TargetLookupMs = 1.0;
    public const double TargetRatio = 0.8;
    private const int RowsPerLookup = 50;

    public static async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var settings = context.Settings;
        var result = new ScenarioResult(8, "Typed local queries");
        var csdl = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "crm.csdl"), context.CancellationToken);
        var transport = new ReplayTransport(csdl, records: null, 1000);
        await using var session = ClientSession.Create(transport, context.ScratchFolder);
        SyncRun.EnsureCompleted(await session.Client.RunFullSyncAsync(context.CancellationToken), "The schema sync");

        var watch = Stopwatch.StartNew();
        var accounts = Fill(session.DatabasePath, settings.QueryTableRows);
        context.Say($"filled {settings.QueryTableRows:N0} task rows in {watch.Elapsed.TotalSeconds:F1} s ({accounts.Count:N0} regarding accounts, {RowsPerLookup} tasks each)");
        result.Notes.Add($"{settings.QueryTableRows:N0} rows in the local task table, 14 columns; every lookup column is indexed by the store.");

        var records = session.Client.Records;

        // (a) 50 rows by an indexed lookup, 200 different keys per run after a warm-up.
        var lookupMs = new List<double>();
        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            await LookupAsync(records, accounts[random.Next(accounts.Count)]);
        }

        for (var i = 0; i < 200 * settings.Repetitions; i++)
        {
            var key = accounts[random.Next(accounts.Count)];
            var started = Stopwatch.GetTimestamp();
            var found = await LookupAsync(records, key);
            lookupMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (found != RowsPerLookup)
            {
                throw new InvalidOperationException($"The lookup found {found} rows, expected {RowsPerLookup}.");
            }
        }

        result.Facts["lookup.rows"] = RowsPerLookup;
        var medianLookup = Measurements.Median(lookupMs);
        lookupMs.Sort();
        result.Add(new Metric(
            $"{RowsPerLookup} tasks by indexed lookup (Regardingobjectid == key) from {settings.QueryTableRows:N0}",
            medianLookup,
            "ms",
            $"median of {lookupMs.Count} queries; p90 {Measurements.Format(lookupMs[(int)(lookupMs.Count * 0.9)], 3)} ms; includes opening a pooled read connection",
            "≤ 1 ms median",
            medianLookup <= TargetLookupMs));

        // (b) typed records against a raw reader loop over the same statement.
        var query = records.Query(TaskRecord.Table).Take(settings.QueryReadRows);
        var sql = RawSelect(TaskRecord.Table, settings.QueryReadRows);
        var typedSeconds = new List<double>();
        var rawSeconds = new List<double>();
        var ratios = new List<double>();
        var typedAllocations = new List<double>();
        var rawAllocations = new List<double>();
        var loads = new List<string>();
        var listSeconds = new List<double>();
        for (var run = 0; run < settings.Repetitions + 1; run++)
        {
            loads.Add(Measurements.LoadAverage());
            double typed = 0, raw = 0;
            long typedBytes = 0, rawBytes = 0;
            for (var turn = 0; turn < 2; turn++)
            {
                Collect();
                if ((turn == 0) == (run % 2 == 0))
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    var started = Stopwatch.GetTimestamp();
                    var count = 0;
                    long checksum = 0;
                    await foreach (var task in query.AsAsyncEnumerable(context.CancellationToken))
                    {
                        checksum += task.Subject?.Length ?? 0;
                        count++;
                    }

                    typed = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    typedBytes = GC.GetAllocatedBytesForCurrentThread() - before;
                    GC.KeepAlive(checksum);
                    if (count != settings.QueryReadRows)
                    {
                        throw new InvalidOperationException($"Read {count} typed rows, expected {settings.QueryReadRows}.");
                    }

                    Collect();
                    started = Stopwatch.GetTimestamp();
                    var list = await query.ToListAsync(context.CancellationToken);
                    listSeconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
                    if (list.Count != settings.QueryReadRows)
                    {
                        throw new InvalidOperationException($"Listed {list.Count} typed rows, expected {settings.QueryReadRows}.");
                    }
                }
                else
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    var started = Stopwatch.GetTimestamp();
                    var count = RawRead(session.DatabasePath, sql);
                    raw = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    rawBytes = GC.GetAllocatedBytesForCurrentThread() - before;
                    if (count != settings.QueryReadRows)
                    {
                        throw new InvalidOperationException($"Read {count} raw rows, expected {settings.QueryReadRows}.");
                    }
                }
            }

            if (run == 0)
            {
                listSeconds.Clear();
                continue; // warm-up: JIT and page cache
            }

            typedSeconds.Add(typed);
            rawSeconds.Add(raw);
            ratios.Add(raw / typed);
            typedAllocations.Add(typedBytes / (double)settings.QueryReadRows);
            rawAllocations.Add(rawBytes / (double)settings.QueryReadRows);
            context.Say($"run {run}: typed {settings.QueryReadRows / typed:N0} rows/s, raw {settings.QueryReadRows / raw:N0} rows/s, ratio {raw / typed:F2}");
        }

        result.Facts["read.rows"] = settings.QueryReadRows;
        var ratio = Measurements.Median(ratios);
        result.Add(new Metric($"Typed read of {settings.QueryReadRows:N0} TaskRecords (AsAsyncEnumerable, each record built, none kept)", settings.QueryReadRows / Measurements.Median(typedSeconds), "rows/s", Measurements.Runs(typedSeconds.Select(s => settings.QueryReadRows / s), "rows/s", 0)));
        result.Add(new Metric($"Typed read of {settings.QueryReadRows:N0} TaskRecords into a list (ToListAsync, all kept)", settings.QueryReadRows / Measurements.Median(listSeconds), "rows/s", Measurements.Runs(listSeconds.Select(s => settings.QueryReadRows / s), "rows/s", 0)));
        result.Add(new Metric("Raw SqliteDataReader loop, same SQL, typed getters", settings.QueryReadRows / Measurements.Median(rawSeconds), "rows/s", Measurements.Runs(rawSeconds.Select(s => settings.QueryReadRows / s), "rows/s", 0)));
        result.Add(new Metric("Typed ÷ raw (throughput ratio)", ratio, "×", Measurements.Runs(ratios, "×", 2) + "; load " + string.Join("; ", loads), "≥ 0.8", ratio >= TargetRatio));
        result.Add(new Metric("Typed allocations per row", Measurements.Median(typedAllocations), "bytes", Measurements.Runs(typedAllocations, "B", 0) + " (the record object and its strings, list growth included)"));
        result.Add(new Metric("Raw allocations per row", Measurements.Median(rawAllocations), "bytes", Measurements.Runs(rawAllocations, "B", 0) + " (the strings the getters return)"));
        return result;
    }

    private static async Task<int> LookupAsync(LocalRecordStore records, Guid account)
    {
        var reference = new RecordReference<AccountRecord>(account);
        var rows = await records.Query(TaskRecord.Table).Where(t => t.Regardingobjectid == reference).ToListAsync();
        return rows.Count;
    }

    /// <summary>
    /// The statement a developer would write by hand for the same read: the generated columns in their order, then the
    /// local table's ETag, row-version and state columns (docs/runtime.md, local schema), as the typed query selects them.
    /// </summary>
    private static string RawSelect<TRecord>(RecordTable<TRecord> table, int take)
        where TRecord : class =>
        "SELECT " + string.Join(", ", table.Columns.Select(c => "\"" + c.Name + "\"")) + ", \"__etag\", \"__ver\", \"__state\" FROM \""
        + table.EntityName + "\" LIMIT " + take.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The baseline: the same statement, every column read with the reader's typed getters into locals.</summary>
    private static int RawRead(string databasePath, string sql)
    {
        using var connection = new SqliteConnection("Data Source=" + databasePath + ";Mode=ReadOnly;Pooling=True");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var count = 0;
        long checksum = 0;
        while (reader.Read())
        {
            var key = reader.GetGuid(0);
            var subject = reader.IsDBNull(1) ? null : reader.GetString(1);
            var description = reader.IsDBNull(2) ? null : reader.GetString(2);
            DateTimeOffset? start = reader.IsDBNull(3) ? null : reader.GetDateTimeOffset(3);
            DateTimeOffset? end = reader.IsDBNull(4) ? null : reader.GetDateTimeOffset(4);
            int? duration = reader.IsDBNull(5) ? null : reader.GetInt32(5);
            int? priority = reader.IsDBNull(6) ? null : reader.GetInt32(6);
            int? state = reader.IsDBNull(7) ? null : reader.GetInt32(7);
            DateTimeOffset? created = reader.IsDBNull(8) ? null : reader.GetDateTimeOffset(8);
            DateTimeOffset? modified = reader.IsDBNull(9) ? null : reader.GetDateTimeOffset(9);
            Guid? owner = reader.IsDBNull(10) ? null : reader.GetGuid(10);
            Guid? regarding = reader.IsDBNull(11) ? null : reader.GetGuid(11);
            int? percent = reader.IsDBNull(12) ? null : reader.GetInt32(12);
            var category = reader.IsDBNull(13) ? null : reader.GetString(13);
            var etag = reader.IsDBNull(14) ? null : reader.GetString(14);
            var version = reader.GetInt64(15);
            checksum += key.GetHashCode() + (subject?.Length ?? 0) + (description?.Length ?? 0) + (start?.Minute ?? 0) + (end?.Minute ?? 0)
                + (duration ?? 0) + (priority ?? 0) + (state ?? 0) + (created?.Second ?? 0) + (modified?.Second ?? 0) + (owner?.GetHashCode() ?? 0)
                + (regarding?.GetHashCode() ?? 0) + (percent ?? 0) + (category?.Length ?? 0) + (etag?.Length ?? 0) + version;
            count++;
        }

        GC.KeepAlive(checksum);
        return count;
    }

    /// <summary>Fills the local task table in one transaction: realistic values, every account regarding exactly 50 tasks.</summary>
    private static List<Guid> Fill(string databasePath, int rows)
    {
        var accounts = new List<Guid>(rows / RowsPerLookup + 1);
        for (var i = 0; i < rows / RowsPerLookup; i++)
        {
            accounts.Add(Deterministic(1, i));
        }

        using var connection = new SqliteConnection("Data Source=" + databasePath + ";Pooling=False");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;";
            pragma.ExecuteNonQuery();
        }

        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO task (activityid, subject, description, scheduledstart, scheduledend, actualdurationminutes, prioritycode, statecode, " +
            "createdon, modifiedon, _ownerid_value, _regardingobjectid_value, percentcomplete, category, __etag, __state, __ver) " +
            "VALUES ($k, $s, $d, $ss, $se, $dur, $p, $st, $c, $m, $o, $r, $pc, $cat, $e, 0, 0)";
        var parameters = new[] { "$k", "$s", "$d", "$ss", "$se", "$dur", "$p", "$st", "$c", "$m", "$o", "$r", "$pc", "$cat", "$e" }
            .Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
        insert.Prepare();
        var origin = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var owner = Deterministic(2, 0).ToString("D");
        for (var i = 0; i < rows; i++)
        {
            var start = origin.AddMinutes(i * 7 % 500_000);
            parameters[0].Value = Deterministic(3, i).ToString("D");
            parameters[1].Value = "Follow up " + i.ToString(CultureInfo.InvariantCulture);
            parameters[2].Value = i % 3 == 0 ? DBNull.Value : "Call the customer about order " + i.ToString(CultureInfo.InvariantCulture);
            parameters[3].Value = start.ToString("O", CultureInfo.InvariantCulture);
            parameters[4].Value = start.AddHours(2).ToString("O", CultureInfo.InvariantCulture);
            parameters[5].Value = (long)(i % 120);
            parameters[6].Value = (long)(i % 3);
            parameters[7].Value = (long)(i % 2);
            parameters[8].Value = origin.ToString("O", CultureInfo.InvariantCulture);
            parameters[9].Value = start.ToString("O", CultureInfo.InvariantCulture);
            parameters[10].Value = owner;
            parameters[11].Value = accounts.Count == 0 ? DBNull.Value : accounts[i % accounts.Count].ToString("D");
            parameters[12].Value = (long)(i % 101);
            parameters[13].Value = i % 5 == 0 ? DBNull.Value : "Sales";
            parameters[14].Value = "W/\"" + i.ToString(CultureInfo.InvariantCulture) + "\"";
            insert.ExecuteNonQuery();
        }

        tx.Commit();
        using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = "ANALYZE";
            analyze.ExecuteNonQuery();
        }

        return accounts;
    }

    private static Guid Deterministic(int kind, int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, kind);
        BitConverter.TryWriteBytes(bytes[4..], index);
        BitConverter.TryWriteBytes(bytes[8..], (long)index * 2654435761L);
        return new Guid(bytes);
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
