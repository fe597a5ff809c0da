using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Benchmarks.Harness;

namespace SmartSync.Benchmarks.Scenarios;

/// <summary>
/// (1) A first full sync of N tasks from the reference server over HTTP on 127.0.0.1 into a fresh SQLite file:
/// records per second end to end (every phase of a full sync, including the cleanup pass over the visible keys),
/// and of the entity-download phase alone.
/// </summary>
public static class DownloadThroughputScenario
{
    public const double TargetRecordsPerSecond = 100_000;

    public static async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var settings = context.Settings;
        var records = settings.DownloadRecords;
        var result = new ScenarioResult(1, "Download throughput");
        var (server, startTime) = await ServerSetup.StartAsync(
            ServerSetup.Only(context.ScratchFolder, new Dictionary<string, int> { ["task"] = records }), context.CancellationToken);
        await using (server)
        {
            context.Say($"server seeded {records:N0} tasks in {startTime.TotalSeconds:F1} s");
            result.Notes.Add($"Server seeding of {records:N0} tasks + start: {startTime.TotalSeconds:F1} s (not measured).");
            var endToEnd = new List<double>();
            var downloadPhase = new List<double>();
            var breakdowns = new List<string>();
            var loads = new List<string>();
            for (var run = 0; run < settings.Repetitions; run++)
            {
                await using var session = ClientSession.OverHttp(server.BaseAddress, ServerSetup.Token(server), context.ScratchFolder);
                loads.Add(Measurements.LoadAverage());
                var watch = Stopwatch.StartNew();
                var sync = SyncRun.EnsureCompleted(await session.Client.RunFullSyncAsync(context.CancellationToken), "The full download");
                watch.Stop();
                var downloaded = SyncRun.Downloaded(sync, "task");
                result.Facts["downloaded"] = downloaded;
                if (downloaded != records)
                {
                    throw new System.InvalidOperationException($"The full sync downloaded {downloaded} tasks, expected {records}.");
                }

                endToEnd.Add(records / watch.Elapsed.TotalSeconds);
                downloadPhase.Add(records / SyncRun.PhaseTime(sync, "EntityDownload").TotalSeconds);
                breakdowns.Add(SyncRun.Breakdown(sync, 3));
                context.Say($"run {run + 1}: {watch.Elapsed.TotalMilliseconds:F0} ms ({endToEnd[^1]:N0} records/s); {breakdowns[^1]}");
            }

            var median = Measurements.Median(endToEnd);
            result.Add(new Metric(
                $"Full sync of {records:N0} tasks, end to end",
                median,
                "records/s",
                Measurements.Runs(endToEnd, "records/s", 0) + "; load " + string.Join(" | ", loads),
                "≥ 100,000 records/s",
                median >= TargetRecordsPerSecond));
            result.Add(new Metric(
                "Entity-download phase alone",
                Measurements.Median(downloadPhase),
                "records/s",
                Measurements.Runs(downloadPhase, "records/s", 0)));
            result.Add(new Metric("vs PowerSync (27.6k rows/s, reported)", median / 27_600, "×", "ratio of the median to the reported figure"));
            result.Add(new Metric("vs Dotmim.Sync (~6.9k rows/s, reported)", median / 6_900, "×", "ratio of the median to the reported figure"));
            result.Notes.Add("Phase breakdown per run: " + string.Join(" | ", breakdowns));
        }

        return result;
    }
}
