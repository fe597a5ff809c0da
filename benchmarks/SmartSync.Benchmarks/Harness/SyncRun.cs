using System;
using System.Linq;

namespace SmartSync.Benchmarks.Harness;

/// <summary>Checks a run's outcome and reads its counters: a benchmark of a failed run would measure nothing.</summary>
public static class SyncRun
{
    public static SyncResult EnsureCompleted(SyncResult result, string what)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"{what} did not complete: {result} {result.Message} {result.Error}");
        }

        return result;
    }

    public static int Downloaded(SyncResult result, string? entity = null) =>
        result.Entities.Where(e => entity is null || e.Entity == entity).Sum(e => e.Downloaded);

    public static TimeSpan PhaseTime(SyncResult result, string phase) =>
        result.Phases.Where(p => p.Phase == phase).Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration);

    /// <summary>The phases that took time, slowest first, e.g. "EntityDownload 812 ms, Cleanup 95 ms".</summary>
    public static string Breakdown(SyncResult result, int top = 5) => string.Join(
        ", ",
        result.Phases.Where(p => !p.Skipped).OrderByDescending(p => p.Duration).Take(top)
            .Select(p => p.Phase + " " + Measurements.Format(p.Duration.TotalMilliseconds, 0) + " ms"));
}
