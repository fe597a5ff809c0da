using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Benchmarks.Harness;
using SmartSync.Benchmarks.Replay;

namespace SmartSync.Benchmarks.Scenarios;

/// <summary>
/// (2) The engine applying N already-parsed task records (the generated <c>Profiles.DownloadTasks</c>, a Full DownSync
/// of tasks, over a replaying in-memory transport) against a raw Microsoft.Data.Sqlite INSERT loop, in the same run.
/// </summary>
public static class ApplyVsRawScenario
{
    public const double TargetRatio = 0.5;

    public static async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var settings = context.Settings;
        var result = new ScenarioResult(2, "Apply vs the SQLite limit");
        var csdl = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "crm.csdl"), context.CancellationToken);
        var task = await ReplayTransport.EntityAsync(csdl, "task", context.ScratchFolder, context.CancellationToken);
        var records = PrebuiltRecords.Create(task, settings.ApplyRecords);
        result.Notes.Add($"{records.Count:N0} task records, {task.Properties.Count} attributes each (incl. inherited), pages of 1,000.");

        var engineRates = new List<double>();
        var rawRates = new List<double>();
        var ratios = new List<double>();
        var engineAllocations = new List<double>();
        var rawAllocations = new List<double>();
        var phaseShares = new List<double>();
        var engineCpu = new List<double>();
        var rawCpu = new List<double>();
        var loads = new List<string>();
        for (var run = 0; run < settings.Repetitions; run++)
        {
            loads.Add(Measurements.LoadAverage());

            // Raw first in odd runs, engine first in even ones: neither always gets the warmer cache.
            double engineSeconds = 0, rawSeconds = 0;
            for (var turn = 0; turn < 2; turn++)
            {
                if ((turn == 0) == (run % 2 == 0))
                {
                    (engineSeconds, var allocated, var phase, var cpu) = await RunEngineAsync(context, csdl, records);
                    engineAllocations.Add(allocated / (double)records.Count);
                    engineCpu.Add(cpu.TotalMilliseconds * 1000 / records.Count);
                    phaseShares.Add(phase / engineSeconds);
                }
                else
                {
                    var path = Path.Combine(context.ScratchFolder, "raw-" + Guid.NewGuid().ToString("N") + ".db");
                    Collect();
                    var before = GC.GetTotalAllocatedBytes(true);
                    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    rawSeconds = RawSqliteBaseline.Insert(path, records).TotalSeconds;
                    rawCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds * 1000 / records.Count);
                    rawAllocations.Add((GC.GetTotalAllocatedBytes(true) - before) / (double)records.Count);
                    DeleteDatabase(path);
                }
            }

            engineRates.Add(records.Count / engineSeconds);
            rawRates.Add(records.Count / rawSeconds);
            ratios.Add(rawSeconds / engineSeconds);
            context.Say($"run {run + 1}: engine {engineRates[^1]:N0} records/s, raw {rawRates[^1]:N0} records/s, ratio {ratios[^1]:F2}");
        }

        var ratio = Measurements.Median(ratios);
        result.Add(new Metric("Engine apply (Profiles.DownloadTasks over replayed pages)", Measurements.Median(engineRates), "records/s", Measurements.Runs(engineRates, "records/s", 0)));
        result.Add(new Metric("Raw Microsoft.Data.Sqlite (1 transaction, 1 prepared INSERT)", Measurements.Median(rawRates), "records/s", Measurements.Runs(rawRates, "records/s", 0)));
        result.Add(new Metric("Engine ÷ raw (throughput ratio)", ratio, "×", Measurements.Runs(ratios, "×", 2) + "; load " + string.Join("; ", loads), "≥ 0.5", ratio >= TargetRatio));
        result.Add(new Metric("Engine allocations per record", Measurements.Median(engineAllocations), "bytes", Measurements.Runs(engineAllocations, "B", 0) + " (whole run, all threads)"));
        result.Add(new Metric("Raw allocations per record", Measurements.Median(rawAllocations), "bytes", Measurements.Runs(rawAllocations, "B", 0)));
        result.Add(new Metric("Engine CPU per record", Measurements.Median(engineCpu), "µs", Measurements.Runs(engineCpu, "µs") + " (process CPU time, all threads)"));
        result.Add(new Metric("Raw CPU per record", Measurements.Median(rawCpu), "µs", Measurements.Runs(rawCpu, "µs")));
        result.Notes.Add($"Entity-download phase share of the engine run: {Measurements.Format(Measurements.Median(phaseShares) * 100, 0)} % (the rest: WhoAmI, customization check, run bookkeeping).");
        return result;
    }

    private static async Task<(double Seconds, long Allocated, double PhaseSeconds, TimeSpan Cpu)> RunEngineAsync(ScenarioContext context, string csdl, PrebuiltRecords records)
    {
        var transport = new ReplayTransport(csdl, records, 1000);
        await using var session = ClientSession.Create(transport, context.ScratchFolder);

        // A first full sync with no records creates the schema; the measured run then fills the empty table.
        SyncRun.EnsureCompleted(await session.Client.RunFullSyncAsync(context.CancellationToken), "The schema sync");
        transport.ServeRecords = true;
        Collect();
        var before = GC.GetTotalAllocatedBytes(true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var sync = SyncRun.EnsureCompleted(await Profiles.DownloadTasks.RunAsync(session.Client, context.CancellationToken), "DownloadTasks");
        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(true) - before;
        var downloaded = SyncRun.Downloaded(sync, "task");
        if (downloaded != records.Count)
        {
            throw new InvalidOperationException($"DownloadTasks applied {downloaded} records, expected {records.Count}.");
        }

        return (watch.Elapsed.TotalSeconds, allocated, SyncRun.PhaseTime(sync, "EntityDownload").TotalSeconds, cpu);
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static void DeleteDatabase(string path)
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            try
            {
                File.Delete(path + suffix);
            }
            catch (IOException)
            {
                // Removed with the scratch folder.
            }
        }
    }
}
