using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Benchmarks;
using SmartSync.Benchmarks.Harness;

namespace SmartSync.Benchmarks.Tests;

/// <summary>
/// The CI smoke run: every scenario end to end at tiny sizes, against the real server on loopback and real SQLite.
/// Timings are printed, never asserted; what is asserted is that each run did the work it claims to measure.
/// </summary>
public sealed class SmokeRunTests
{
    private static readonly BenchmarkSettings Smoke = BenchmarkSettings.Smoke;

    [Fact]
    public async Task Every_scenario_runs_and_measures_what_it_claims()
    {
        using var log = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var results = await BenchmarkApp.RunAsync(["download", "apply", "speedup", "incremental", "memory", "tooling", "stall", "query"], Smoke, log, timeout.Token);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], results.Select(r => r.Number));
        var byNumber = results.ToDictionary(r => r.Number);

        // (1) every seeded task arrived through HTTP into SQLite.
        Assert.Equal(Smoke.DownloadRecords, byNumber[1].Facts["downloaded"]);

        // (3) the SmartSync brought exactly the changed tasks; the full syncs brought at least those.
        Assert.Equal(Smoke.ChangedRecords, byNumber[3].Facts["smartsync.downloaded"]);
        Assert.True(byNumber[3].Facts["incremental-full.downloaded"] >= Smoke.ChangedRecords);
        Assert.True(byNumber[3].Facts["redownload.downloaded"] > byNumber[3].Facts["incremental-full.downloaded"]);

        // (4) same number of changes at every size.
        foreach (var size in Smoke.IncrementalSizes)
        {
            Assert.Equal(Smoke.ChangedRecords, byNumber[4].Facts["GetTasks.downloaded@" + size]);
            Assert.Equal(Smoke.ChangedRecords, byNumber[4].Facts["GetTasksDeferredCleanup.downloaded@" + size]);
        }

        // (5) the sampled download was complete.
        Assert.Equal(Smoke.MemorySizes[0], byNumber[5].Facts["downloaded@" + Smoke.MemorySizes[0]]);

        // (6) the synthetic inputs are valid, the generator emitted code, and an unrelated edit re-emitted nothing.
        Assert.Equal(0, byNumber[6].Facts["analyzer.errors"]);
        Assert.True(byNumber[6].Facts["generated.files"] > 0);
        Assert.Equal(0, byNumber[6].Facts["edit.reemitted.max"]);

        // (7) the app wrote during all three syncs (each write was read back by the scenario itself).
        Assert.True(byNumber[7].Facts["healthy.writes"] > 0);
        Assert.True(byNumber[7].Facts["stalled.writes"] > 0);
        Assert.True(byNumber[7].Facts["into-empty.writes"] > 0);

        // (8) every lookup found its 50 rows (the scenario throws otherwise) and the typed and raw reads saw every row.
        Assert.Equal(50, byNumber[8].Facts["lookup.rows"]);
        Assert.Equal(Smoke.QueryReadRows, byNumber[8].Facts["read.rows"]);

        // Every scenario reported numbers, and targets carry a verdict.
        foreach (var result in results)
        {
            Assert.NotEmpty(result.Metrics);
            Assert.All(result.Metrics, m => Assert.True(double.IsFinite(m.Value) && m.Value >= 0, $"{result.Title}: {m.Name} = {m.Value}"));
            Assert.All(result.Metrics.Where(m => m.Target is not null), m => Assert.NotNull(m.Met));
        }

        var markdown = ReportWriter.ToMarkdown(results, "smoke");
        Assert.Contains("### 6. Generator and analyzers", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_scenario_is_rejected_with_usage()
    {
        var error = Console.Error;
        using var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            var exit = await BenchmarkApp.MainAsync(["donwload"]);
            Assert.Equal(2, exit);
        }
        finally
        {
            Console.SetError(error);
        }

        Assert.Contains("Unknown argument 'donwload'", captured.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Median_is_the_middle_value_or_the_mean_of_the_two_middle_values()
    {
        Assert.Equal(3, Measurements.Median([5, 1, 3]));
        Assert.Equal(2.5, Measurements.Median(new List<double> { 4, 1, 2, 3 }));
        Assert.Throws<ArgumentException>(() => Measurements.Median([]));
    }
}
