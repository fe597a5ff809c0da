using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Benchmarks.Harness;

namespace SmartSync.Benchmarks.Scenarios;

/// <summary>
/// (3) Every entity seeded with N rows, a handful of tasks changed on the server, then three ways to get the change:
/// the generated <c>Profiles.GetTasks</c> (incremental SmartSync), an incremental full sync of everything, and a
/// full re-download into a fresh database. Each way starts from the same state: the changes are made right before it.
/// </summary>
public static class SmartSyncSpeedupScenario
{
    public static async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var settings = context.Settings;
        var rows = settings.SpeedupRowsPerEntity;
        var changed = settings.ChangedRecords;
        var result = new ScenarioResult(3, "SmartSync speed-up");
        var (server, startTime) = await ServerSetup.StartAsync(ServerSetup.Options(context.ScratchFolder, rows, rows), context.CancellationToken);
        await using (server)
        {
            var seeded = server.Model.Entities.Where(e => e.EntitySetName is not null).Select(e => (e.Name, Rows: server.CountRows(e.Name))).ToList();
            var full = seeded.Count(s => s.Rows >= rows);
            var total = seeded.Sum(s => s.Rows);
            result.Notes.Add($"Server: {full} entities × {rows:N0} rows ({total:N0} rows in all, plus seeded images, attachments, documents and mail); seeding + start {startTime.TotalSeconds:F1} s.");
            context.Say($"server seeded {total:N0} rows in {startTime.TotalSeconds:F1} s");
            var edits = ServerEdits.For(server, "task", changed * 10);

            await using var session = ClientSession.OverHttp(server.BaseAddress, ServerSetup.Token(server), context.ScratchFolder, settings.PageSize, settings.AutoExclusions);
            var initial = SyncRun.EnsureCompleted(await session.Client.RunFullSyncAsync(context.CancellationToken), "The initial full sync");
            result.Notes.Add($"Initial full sync: {SyncRun.Downloaded(initial):N0} records in {initial.Duration.TotalSeconds:F1} s.");

            var smart = new List<double>();
            var incrementalAll = new List<double>();
            var redownload = new List<double>();
            var smartBreakdown = new List<string>();
            var loads = new List<string>();
            for (var run = 0; run < settings.Repetitions; run++)
            {
                loads.Add(Measurements.LoadAverage());
                await edits.ChangeAsync(changed, context.CancellationToken);
                var (ms, sync) = await TimeAsync(() => Profiles.GetTasks.RunAsync(session.Client, context.CancellationToken), "Profiles.GetTasks");
                var got = SyncRun.Downloaded(sync, "task");
                result.Facts["smartsync.downloaded"] = got;
                if (got != changed)
                {
                    throw new InvalidOperationException($"GetTasks downloaded {got} tasks, expected the {changed} changed ones.");
                }

                smart.Add(ms);
                smartBreakdown.Add(SyncRun.Breakdown(sync, 4));

                await edits.ChangeAsync(changed, context.CancellationToken);
                (ms, sync) = await TimeAsync(() => session.Client.RunFullSyncAsync(context.CancellationToken), "The incremental full sync");
                result.Facts["incremental-full.downloaded"] = SyncRun.Downloaded(sync);
                incrementalAll.Add(ms);

                // A fresh database does not care what changed; no edit here, or the next GetTasks would see two rounds.
                await using (var fresh = ClientSession.OverHttp(server.BaseAddress, ServerSetup.Token(server), context.ScratchFolder, settings.PageSize, settings.AutoExclusions))
                {
                    (ms, sync) = await TimeAsync(() => fresh.Client.RunFullSyncAsync(context.CancellationToken), "The full re-download");
                    result.Facts["redownload.downloaded"] = SyncRun.Downloaded(sync);
                    redownload.Add(ms);
                }

                context.Say($"run {run + 1}: GetTasks {smart[^1]:F0} ms, incremental full sync {incrementalAll[^1]:F0} ms, re-download {redownload[^1]:F0} ms");
            }

            var smartMedian = Measurements.Median(smart);
            var vsIncremental = Measurements.Median(incrementalAll) / smartMedian;
            var vsRedownload = Measurements.Median(redownload) / smartMedian;
            result.Add(new Metric($"Profiles.GetTasks ({changed} changed tasks)", smartMedian, "ms", Measurements.Runs(smart, "ms", 0) + "; load " + string.Join("; ", loads)));
            result.Add(new Metric("Incremental full sync of everything", Measurements.Median(incrementalAll), "ms", Measurements.Runs(incrementalAll, "ms", 0)));
            result.Add(new Metric("Full re-download (fresh database)", Measurements.Median(redownload), "ms", Measurements.Runs(redownload, "ms", 0)));
            result.Add(new Metric("Speed-up vs incremental full sync", vsIncremental, "×", "median ÷ median", "≥ 10×", vsIncremental >= 10));
            result.Add(new Metric("Speed-up vs full re-download", vsRedownload, "×", "median ÷ median", "≥ 100×", vsRedownload >= 100));
            result.Notes.Add("GetTasks phase breakdown per run: " + string.Join(" / ", smartBreakdown));
        }

        return result;
    }

    private static async Task<(double Milliseconds, SyncResult Result)> TimeAsync(Func<Task<SyncResult>> run, string what)
    {
        var watch = Stopwatch.StartNew();
        var result = SyncRun.EnsureCompleted(await run(), what);
        return (watch.Elapsed.TotalMilliseconds, result);
    }
}
