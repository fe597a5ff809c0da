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
        for (var run = 0; run < settings.Repetitions; run++)
        {
            await using var session = ClientSession.OverHttp(server.BaseAddress, server.Token, context.ScratchFolder, settings.PageSize, settings.AutoExclusions);
            loads.Add(Measurements.LoadAverage());
            var serverCpuBefore = server.ServerProcessorTime();
            var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var sync = SyncRun.EnsureCompleted(await session.Client.RunFullSyncAsync(context.CancellationToken), "The full download");
            watch.Stop();
            var clientCpuUsed = Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore;
            var serverCpuUsed = server.ServerProcessorTime() - serverCpuBefore;
            var downloaded = SyncRun.Downloaded(sync, "task");
            result.Facts["downloaded"] = downloaded;
            if (downloaded != records)
            {
                throw new InvalidOperationException($"The full sync downloaded {downloaded} tasks, expected {records}.");
            }

            endToEnd.Add(records / watch.Elapsed.TotalSeconds);
            downloadPhase.Add(records / SyncRun.PhaseTime(sync, "EntityDownload").TotalSeconds);
            clientCpu.Add(clientCpuUsed.TotalMilliseconds / (records / 1000.0));
            if (serverCpuUsed is { } used)
            {
                serverCpu.Add(used.TotalMilliseconds / (records / 1000.0));
            }

            breakdowns.Add(SyncRun.Breakdown(sync, 3));
            context.Say($"run {run + 1}: {watch.Elapsed.TotalMilliseconds:F0} ms ({endToEnd[^1]:N0} records/s); client CPU {clientCpuUsed.TotalMilliseconds:F0} ms, server CPU {serverCpuUsed?.TotalMilliseconds:F0} ms; {breakdowns[^1]}");
        }

        var median = Measurements.Median(endToEnd);
        result.Add(new Metric(
            $"Full sync of {records:N0} tasks, end to end",
            median,
            "records/s",
            Measurements.Runs(endToEnd, "records/s", 0) + "; load " + string.Join("; ", loads),
            "≥ 100,000 records/s",
            median >= TargetRecordsPerSecond));
        result.Add(new Metric("Entity-download phase alone", Measurements.Median(downloadPhase), "records/s", Measurements.Runs(downloadPhase, "records/s", 0)));
        result.Add(new Metric("Client CPU per 1,000 records", Measurements.Median(clientCpu), "ms", Measurements.Runs(clientCpu, "ms") + (server.IsSeparateProcess ? string.Empty : " (includes the in-process server)")));
        if (serverCpu.Count > 0)
        {
            var clientMedian = Measurements.Median(clientCpu);
            result.Add(new Metric("Server CPU per 1,000 records", Measurements.Median(serverCpu), "ms", Measurements.Runs(serverCpu, "ms")));
            result.Add(new Metric("Client-only ceiling on 1 core (1,000,000 ÷ client CPU µs per record)", 1_000_000 / clientMedian, "records/s", "what the client could take if it had a core to itself and the server were free"));
        }

        result.Add(new Metric("vs PowerSync (27.6k rows/s, reported)", median / 27_600, "×", "ratio of the median to the reported figure"));
        result.Add(new Metric("vs Dotmim.Sync (~6.9k rows/s, reported)", median / 6_900, "×", "ratio of the median to the reported figure"));
        result.Notes.Add("Phase breakdown per run: " + string.Join(" / ", breakdowns));
        return result;
    }
}
