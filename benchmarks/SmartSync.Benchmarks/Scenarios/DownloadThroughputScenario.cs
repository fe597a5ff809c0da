using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using SmartSync.Benchmarks.Harness;

namespace SmartSync.Benchmarks.Scenarios;

/// <summary>
/// (1) A first full sync of N tasks from the reference server over HTTP on 127.0.0.1 into a fresh SQLite file:
/// records per second end to end (every phase of a full sync, including the cleanup pass over the visible keys),
/// and of the entity-download phase alone. With the server in a child process, the CPU time of each side is
/// reported too: unlike wall time it barely moves when other builds share the machine.
/// </summary>
public static class DownloadThroughputScenario
{
    public const double TargetRecordsPerSecond = 100_000;

    /// <summary>Unmeasured full downloads before the measured ones (reported separately).</summary>
    public const int ColdRuns = 2;

    public static async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var settings = context.Settings;
        var records = settings.DownloadRecords;
        var result = new ScenarioResult(1, "Download throughput");
        await using var server = await ServerEndpoint.StartWithTasksAsync(context.ScratchFolder, records, settings.SeparateServerProcess, context.CancellationToken);
        context.Say($"server seeded {records:N0} tasks in {server.StartTime.TotalSeconds:F1} s");
        result.Notes.Add($"Server ({(server.IsSeparateProcess ? "child process" : "in-process")}): seeding of {records:N0} tasks + start {server.StartTime.TotalSeconds:F1} s (not measured).");
        var endToEnd = new List<double>();
        var downloadPhase = new List<double>();
        var clientCpu = new List<double>();
        var serverCpu = new List<double>();
        var breakdowns = new List<string>();
        var loads = new List<string>();
        var allocations = new List<double>();
        var rawRates = new List<double>();
        var ratios = new List<double>();
        var csdl = await System.IO.File.ReadAllTextAsync(System.IO.Path.Combine(AppContext.BaseDirectory, "crm.csdl"), context.CancellationToken);
        var taskEntity = await SmartSync.Benchmarks.Replay.ReplayTransport.EntityAsync(csdl, "task", context.ScratchFolder, context.CancellationToken);
        var prebuilt = SmartSync.Benchmarks.Replay.PrebuiltRecords.Create(taskEntity, records);
        // The first runs are cold: the child server has not served a page yet and neither side's hot loops are tiered
        // up (the smoke-size warm-up runs an in-process server over a few hundred records; tier-1 compilation goes on
        // in the background through the first two full downloads, longer on a loaded machine). They are reported on
        // their own, not in the median, which is about the steady state.
        var first = settings.WarmUp && !settings.IsSmoke ? 1 - ColdRuns : 1;
        for (var run = first; run <= settings.Repetitions; run++)
        {
            await using var session = ClientSession.OverHttp(server.BaseAddress, server.Token, context.ScratchFolder, settings.PageSize, settings.AutoExclusions);
            loads.Add(Measurements.LoadAverage());
            var serverCpuBefore = server.ServerProcessorTime();
            var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes(true);
            var watch = Stopwatch.StartNew();
            var sync = SyncRun.EnsureCompleted(await session.Client.RunFullSyncAsync(context.CancellationToken), "The full download");
            watch.Stop();
            var clientCpuUsed = Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore;
            allocations.Add((GC.GetTotalAllocatedBytes(true) - allocatedBefore) / (double)records);
            var serverCpuUsed = server.ServerProcessorTime() - serverCpuBefore;
            var downloaded = SyncRun.Downloaded(sync, "task");
            result.Facts["downloaded"] = downloaded;
            if (downloaded != records)
            {
                throw new InvalidOperationException($"The full sync downloaded {downloaded} tasks, expected {records}.");
            }

            if (run <= 0)
            {
                allocations.RemoveAt(allocations.Count - 1);
                loads.RemoveAt(loads.Count - 1);
                var cold = $"cold run {run + ColdRuns} of {ColdRuns} (JIT, not in the median): {watch.Elapsed.TotalMilliseconds:F0} ms ({records / watch.Elapsed.TotalSeconds:N0} records/s), client CPU {clientCpuUsed.TotalMilliseconds / (records / 1000.0):F1} µs, server CPU {serverCpuUsed?.TotalMilliseconds / (records / 1000.0):F1} µs per record";
                context.Say(cold);
                result.Notes.Add(char.ToUpperInvariant(cold[0]) + cold[1..] + ".");
                continue;
            }

            endToEnd.Add(records / watch.Elapsed.TotalSeconds);
            downloadPhase.Add(records / SyncRun.PhaseTime(sync, "EntityDownload").TotalSeconds);
            clientCpu.Add(clientCpuUsed.TotalMilliseconds / (records / 1000.0));
            if (serverCpuUsed is { } used)
            {
                serverCpu.Add(used.TotalMilliseconds / (records / 1000.0));
            }

            breakdowns.Add(SyncRun.Breakdown(sync, 3));

            // The limit in the same run, right after: the same number of task rows inserted with plain Microsoft.Data.Sqlite.
            var rawPath = System.IO.Path.Combine(context.ScratchFolder, "raw-" + Guid.NewGuid().ToString("N") + ".db");
            rawRates.Add(records / SmartSync.Benchmarks.Replay.RawSqliteBaseline.Insert(rawPath, prebuilt).TotalSeconds);
            ratios.Add(endToEnd[^1] / rawRates[^1]);
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                System.IO.File.Delete(rawPath + suffix);
            }

            context.Say($"run {run}: {watch.Elapsed.TotalMilliseconds:F0} ms ({endToEnd[^1]:N0} records/s; raw insert {rawRates[^1]:N0} records/s); client CPU {clientCpuUsed.TotalMilliseconds:F0} ms, server CPU {serverCpuUsed?.TotalMilliseconds:F0} ms; {allocations[^1]:F0} B allocated per record; {breakdowns[^1]}");
        }

        var median = Measurements.Median(endToEnd);
        result.Add(new Metric(
            $"Full sync of {records:N0} tasks, end to end",
            median,
            "records/s",
            Measurements.Runs(endToEnd, "records/s", 0) + "; load " + string.Join("; ", loads),
            "≥ 100,000 records/s",
            median >= TargetRecordsPerSecond));
        result.Add(new Metric("Raw Microsoft.Data.Sqlite insert of as many task rows (same run)", Measurements.Median(rawRates), "records/s", Measurements.Runs(rawRates, "records/s", 0)));
        var ratio = Measurements.Median(ratios);
        result.Add(new Metric("End to end ÷ raw insert", ratio, "×", Measurements.Runs(ratios, "×", 2), "≥ 0.6", ratio >= 0.6));
        result.Add(new Metric("Client allocations per record", Measurements.Median(allocations), "bytes", Measurements.Runs(allocations, "B", 0) + " (whole client process, all threads)"));
        result.Add(new Metric("Entity-download phase alone", Measurements.Median(downloadPhase), "records/s", Measurements.Runs(downloadPhase, "records/s", 0)));
        result.Add(new Metric("Client CPU per record", Measurements.Median(clientCpu), "µs", Measurements.Runs(clientCpu, "µs") + (server.IsSeparateProcess ? string.Empty : " (includes the in-process server)"), "≤ 8 µs", Measurements.Median(clientCpu) <= 8));
        if (serverCpu.Count > 0)
        {
            var clientMedian = Measurements.Median(clientCpu);
            result.Add(new Metric("Server CPU per record", Measurements.Median(serverCpu), "µs", Measurements.Runs(serverCpu, "µs"), "≤ 6 µs", Measurements.Median(serverCpu) <= 6));
            result.Add(new Metric("Client-only ceiling on 1 core (1,000,000 ÷ client CPU µs per record)", 1_000_000 / clientMedian, "records/s", "what the client could take if it had a core to itself and the server were free"));
        }

        result.Add(new Metric("vs PowerSync (27.6k rows/s, reported)", median / 27_600, "×", "ratio of the median to the reported figure"));
        result.Add(new Metric("vs Dotmim.Sync (~6.9k rows/s, reported)", median / 6_900, "×", "ratio of the median to the reported figure"));
        result.Notes.Add("Phase breakdown per run: " + string.Join(" / ", breakdowns));
        return result;
    }
}
