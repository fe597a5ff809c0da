using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Benchmarks.Harness;

namespace SmartSync.Benchmarks.Scenarios;

/// <summary>
/// (4) The same few-change <c>Profiles.GetTasks</c> run with the task table at growing sizes: an incremental sync
/// should cost what changed, not what is stored. Also records the initial full download at each size.
/// </summary>
public static class IncrementalScalingScenario
{
    public const double TargetGrowth = 1.5;

    public static async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var settings = context.Settings;
        var changed = settings.ChangedRecords;
        var result = new ScenarioResult(4, "Incremental cost vs size");
        var medians = new List<(int Size, double Milliseconds)>();
        var deferredMedians = new List<(int Size, double Milliseconds)>();
        foreach (var size in settings.IncrementalSizes)
        {
            var (server, startTime) = await ServerSetup.StartAsync(
                ServerSetup.Only(context.ScratchFolder, new Dictionary<string, int> { ["task"] = size }), context.CancellationToken);
            await using (server)
            {
                context.Say($"server seeded {size:N0} tasks in {startTime.TotalSeconds:F1} s");
                var edits = ServerEdits.For(server, "task", Math.Min(size, changed * 10));
                await using var session = ClientSession.OverHttp(server.BaseAddress, ServerSetup.Token(server), context.ScratchFolder, settings.PageSize, settings.AutoExclusions);
                var initial = SyncRun.EnsureCompleted(await session.Client.RunFullSyncAsync(context.CancellationToken), "The initial full sync");
                result.Notes.Add($"{size:N0} tasks: server seeding + start {startTime.TotalSeconds:F1} s; initial full sync {initial.Duration.TotalSeconds:F1} s " +
                    $"({Measurements.Format(size / initial.Duration.TotalSeconds, 0)} records/s end to end).");

                var times = new List<double>();
                var deferred = new List<double>();
                var breakdowns = new List<string>();
                var loads = new List<string>();
                for (var run = 0; run < settings.Repetitions; run++)
                {
                    loads.Add(Measurements.LoadAverage());
                    await edits.ChangeAsync(changed, context.CancellationToken);
                    var (ms, sync) = await TimeAsync(Profiles.GetTasks, session, changed, size, result, context);
                    times.Add(ms);
                    breakdowns.Add(SyncRun.Breakdown(sync, 3));

                    await edits.ChangeAsync(changed, context.CancellationToken);
                    (ms, _) = await TimeAsync(Profiles.GetTasksDeferredCleanup, session, changed, size, result, context);
                    deferred.Add(ms);
                    context.Say($"{size:N0} tasks, run {run + 1}: GetTasks {times[^1]:F0} ms ({breakdowns[^1]}); with NoCleanup {deferred[^1]:F0} ms");
                }

                var median = Measurements.Median(times);
                medians.Add((size, median));
                result.Add(new Metric($"GetTasks, {changed} changes, task table at {size:N0}", median, "ms", Measurements.Runs(times, "ms", 0) + "; load " + string.Join("; ", loads)));
                deferredMedians.Add((size, Measurements.Median(deferred)));
                result.Add(new Metric($"GetTasks + NoCleanup, {changed} changes, task table at {size:N0}", deferredMedians[^1].Milliseconds, "ms", Measurements.Runs(deferred, "ms", 0)));
                result.Notes.Add($"{size:N0} tasks, GetTasks phases: " + string.Join(" / ", breakdowns));
            }
        }

        var growth = medians[^1].Milliseconds / medians[0].Milliseconds;
        result.Add(new Metric(
            $"GetTasks: time at {medians[^1].Size:N0} ÷ time at {medians[0].Size:N0}",
            growth,
            "×",
            "median ÷ median",
            "≤ 1.5",
            growth <= TargetGrowth));
        var deferredGrowth = deferredMedians[^1].Milliseconds / deferredMedians[0].Milliseconds;
        result.Add(new Metric(
            $"GetTasks + NoCleanup: time at {deferredMedians[^1].Size:N0} ÷ time at {deferredMedians[0].Size:N0}",
            deferredGrowth,
            "×",
            "median ÷ median; cleanup then runs only when the cleanup debt reaches its limit (every 10th run by default)",
            "≤ 1.5",
            deferredGrowth <= TargetGrowth));
        return result;
    }

    private static async Task<(double Milliseconds, SyncResult Result)> TimeAsync(SmartSyncProfile profile, ClientSession session, int changed, int size, ScenarioResult result, ScenarioContext context)
    {
        var watch = Stopwatch.StartNew();
        var sync = SyncRun.EnsureCompleted(await profile.RunAsync(session.Client, context.CancellationToken), profile.Name);
        watch.Stop();
        var got = SyncRun.Downloaded(sync, "task");
        result.Facts[profile.Name + ".downloaded@" + size] = got;
        if (got != changed)
        {
            throw new InvalidOperationException($"{profile.Name} downloaded {got} tasks at {size}, expected {changed}.");
        }

        return (watch.Elapsed.TotalMilliseconds, sync);
    }
}
