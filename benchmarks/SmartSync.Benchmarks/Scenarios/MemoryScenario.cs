using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using SmartSync.Benchmarks.Harness;

namespace SmartSync.Benchmarks.Scenarios;

/// <summary>
/// (5) Peak memory of the client while it downloads N tasks (a first full sync). With the server in a child
/// process the figures are the client's alone; in smoke mode the server runs in-process.
/// </summary>
public static class MemoryScenario
{
    public const double TargetMegabytes = 100;

    public static async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var settings = context.Settings;
        var result = new ScenarioResult(5, "Memory while downloading");
        var peaks = new List<(int Size, double Managed)>();
        foreach (var size in settings.MemorySizes)
        {
            var server = await ServerEndpoint.StartWithTasksAsync(context.ScratchFolder, size, settings.SeparateServerProcess, context.CancellationToken);
            var child = server.Child;
            try
            {
                context.Say($"server ({(child is null ? "in-process" : "child process")}) seeded {size:N0} tasks in {server.StartTime.TotalSeconds:F1} s");
                var managed = new List<double>();
                var afterGc = new List<double>();
                var workingSet = new List<double>();
                var rates = new List<double>();
                var loads = new List<string>();
                for (var run = 0; run < (settings.MemoryRepetitions ?? settings.Repetitions); run++)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    await using var session = ClientSession.OverHttp(server.BaseAddress, server.Token, context.ScratchFolder, settings.PageSize, settings.AutoExclusions);
                    loads.Add(Measurements.LoadAverage());
                    SyncResult sync;
                    var watch = Stopwatch.StartNew();
                    await using (var sampler = MemorySampler.Start())
                    {
                        sync = SyncRun.EnsureCompleted(await session.Client.RunFullSyncAsync(context.CancellationToken), "The full download");
                        watch.Stop();
                        managed.Add(Measurements.Megabytes(sampler.PeakManagedBytes));
                        afterGc.Add(Measurements.Megabytes(sampler.PeakHeapAfterGcBytes));
                        workingSet.Add(Measurements.Megabytes(sampler.PeakWorkingSetBytes));
                    }

                    var downloaded = SyncRun.Downloaded(sync, "task");
                    result.Facts["downloaded@" + size] = downloaded;
                    if (downloaded != size)
                    {
                        throw new InvalidOperationException($"The full sync downloaded {downloaded} tasks, expected {size}.");
                    }

                    rates.Add(size / watch.Elapsed.TotalSeconds);
                    context.Say($"{size:N0} tasks, run {run + 1}: peak managed {managed[^1]:F1} MB, working set {workingSet[^1]:F1} MB, {rates[^1]:N0} records/s");
                }

                child?.CapturePeakWorkingSet();
                var median = Measurements.Median(managed);
                peaks.Add((size, median));
                result.Add(new Metric(
                    $"Client peak managed memory, {size:N0} tasks",
                    median,
                    "MB",
                    Measurements.Runs(managed, "MB") + "; load " + string.Join("; ", loads),
                    "≤ 100 MB",
                    median <= TargetMegabytes));
                result.Add(new Metric($"Client peak GC heap after a collection, {size:N0} tasks", Measurements.Median(afterGc), "MB", Measurements.Runs(afterGc, "MB")));
                result.Add(new Metric($"Client process peak working set, {size:N0} tasks", Measurements.Median(workingSet), "MB", Measurements.Runs(workingSet, "MB") + (child is null ? " (server in the same process)" : " (incl. the runtime, SQLite page cache)")));
                result.Add(new Metric($"Download rate, {size:N0} tasks", Measurements.Median(rates), "records/s", Measurements.Runs(rates, "records/s", 0)));
                if (child is not null)
                {
                    result.Notes.Add($"{size:N0} tasks: server child process seeding + start {server.StartTime.TotalSeconds:F1} s, its peak working set {Measurements.Format(Measurements.Megabytes(child.PeakWorkingSetBytes))} MB (its share, not counted above).");
                }
                else
                {
                    result.Notes.Add($"{size:N0} tasks: server in-process (smoke mode), so the figures include its share.");
                }
            }
            finally
            {
                await server.DisposeAsync();
            }
        }

        if (peaks.Count > 1)
        {
            var growth = peaks[^1].Managed / peaks[0].Managed;
            result.Add(new Metric($"Peak managed at {peaks[^1].Size:N0} ÷ at {peaks[0].Size:N0}", growth, "×", "flat means ≈ 1"));
        }

        return result;
    }
}
