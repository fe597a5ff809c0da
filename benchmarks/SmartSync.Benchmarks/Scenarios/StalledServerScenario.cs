using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Benchmarks.Harness;

namespace SmartSync.Benchmarks.Scenarios;

/// <summary>
/// (7) App writes during a sync. While <c>Profiles.DownloadTasks</c> re-downloads N tasks over HTTP, the app writes a
/// task every few milliseconds through <c>Records.UpsertAsync</c> and each write's latency is recorded: once with a
/// healthy server, once with a fault-injecting hop that stalls one page mid-body for seconds, and once as a first
/// download into a task table with no synced row (the download then builds the lookup indexes once at its end, and
/// a write may wait for that build). Every write is checked afterwards (nothing lost).
/// </summary>
public static class StalledServerScenario
{
    public const double TargetP99Milliseconds = 50;

    public static async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var settings = context.Settings;
        var records = settings.StallRecords;
        var pageSize = Math.Min(settings.PageSize, Math.Max(10, records / 10));
        var result = new ScenarioResult(7, "App writes during a sync, with and without a stalled server");
        await using var server = await ServerEndpoint.StartWithTasksAsync(context.ScratchFolder, records, settings.SeparateServerProcess, context.CancellationToken);
        var handler = new StallingHandler();
        await using var session = ClientSession.OverHttp(server.BaseAddress, server.Token, context.ScratchFolder, pageSize, settings.AutoExclusions, handler);
        SyncRun.EnsureCompleted(await session.Client.RunFullSyncAsync(context.CancellationToken), "The initial full sync");
        result.Notes.Add($"{records:N0} tasks re-downloaded (Profiles.DownloadTasks, pages of {pageSize:N0}); the stalled run stops page 3 after 4 KB for {settings.Stall.TotalSeconds:F1} s; " +
            "one app write (a new task) every 5 ms while the sync runs.");

        foreach (var variant in new[] { Variant.Healthy, Variant.Stalled, Variant.IntoEmptyTable })
        {
            var stalled = variant == Variant.Stalled;
            var p50 = new List<double>();
            var p99 = new List<double>();
            var max = new List<double>();
            var counts = new List<double>();
            var syncTimes = new List<double>();
            for (var run = 0; run < settings.Repetitions; run++)
            {
                handler.Arm(3, 4096, stalled ? settings.Stall : TimeSpan.Zero);
                if (variant == Variant.IntoEmptyTable)
                {
                    RemoveSyncedTasks(session.DatabasePath);
                }

                var (latencies, keys, syncTime) = await WriteDuringSyncAsync(session, records, context);
                if (stalled && handler.Stalls != 1)
                {
                    throw new InvalidOperationException($"The stalled run stalled {handler.Stalls} page(s), expected 1.");
                }

                foreach (var key in keys)
                {
                    if (await session.Client.Records.GetAsync("task", key, context.CancellationToken) is null)
                    {
                        throw new InvalidOperationException($"The task {key} written during the sync is missing.");
                    }
                }

                latencies.Sort();
                p50.Add(Percentile(latencies, 0.50));
                p99.Add(Percentile(latencies, 0.99));
                max.Add(latencies[^1]);
                counts.Add(latencies.Count);
                syncTimes.Add(syncTime);
                result.Facts[Name(variant) + ".writes"] = latencies.Count;
                context.Say($"{Name(variant)} run {run + 1}: {latencies.Count} writes during a {syncTime:F0} ms sync; p50 {p50[^1]:F1} ms, p99 {p99[^1]:F1} ms, max {max[^1]:F1} ms");
            }

            var label = variant switch
            {
                Variant.Stalled => $"server stalled {settings.Stall.TotalSeconds:F1} s mid-page",
                Variant.IntoEmptyTable => "first download into an empty task table (index build at its end)",
                _ => "healthy server",
            };
            var p99Median = Measurements.Median(p99);
            result.Add(new Metric($"App write latency p50, {label}", Measurements.Median(p50), "ms", Measurements.Runs(p50, "ms")));
            result.Add(new Metric($"App write latency p99, {label}", p99Median, "ms", Measurements.Runs(p99, "ms") + "; load " + Measurements.LoadAverage(), "≤ 50 ms", p99Median <= TargetP99Milliseconds));
            result.Add(new Metric($"App write latency max, {label}", Measurements.Median(max), "ms", Measurements.Runs(max, "ms")));
            result.Add(new Metric($"Writes during the sync, {label}", Measurements.Median(counts), "writes", Measurements.Runs(counts, string.Empty, 0) + $"; sync {Measurements.Runs(syncTimes, "ms", 0)}"));
        }

        return result;
    }

    private static async Task<(List<double> Latencies, List<string> Keys, double SyncMilliseconds)> WriteDuringSyncAsync(ClientSession session, int records, ScenarioContext context)
    {
        var latencies = new List<double>();
        var keys = new List<string>();
        var watch = Stopwatch.StartNew();
        var sync = Profiles.DownloadTasks.RunAsync(session.Client, context.CancellationToken);
        while (!sync.IsCompleted)
        {
            var key = Guid.NewGuid().ToString("D");
            var write = Stopwatch.StartNew();
            await session.Client.Records.UpsertAsync("task", key, new Dictionary<string, object?> { ["subject"] = "written during a sync" }, context.CancellationToken);
            latencies.Add(write.Elapsed.TotalMilliseconds);
            keys.Add(key);
            await Task.Delay(5, context.CancellationToken);
        }

        var result = SyncRun.EnsureCompleted(await sync, "DownloadTasks");
        var syncTime = watch.Elapsed.TotalMilliseconds;
        var downloaded = SyncRun.Downloaded(result, "task");
        if (downloaded < records)
        {
            throw new InvalidOperationException($"DownloadTasks downloaded {downloaded} tasks, expected at least {records}.");
        }

        if (latencies.Count == 0)
        {
            latencies.Add(0);
        }

        return (latencies, keys, syncTime);
    }

    private enum Variant
    {
        Healthy,
        Stalled,
        IntoEmptyTable,
    }

    private static string Name(Variant variant) => variant switch
    {
        Variant.Stalled => "stalled",
        Variant.IntoEmptyTable => "into-empty",
        _ => "healthy",
    };

    /// <summary>Leaves the task table with no synced row (the app's own writes stay), as before a first download.</summary>
    private static void RemoveSyncedTasks(string databasePath)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(
            new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM task WHERE __state = 0";
        command.ExecuteNonQuery();
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
