using System.Collections.Generic;

namespace SmartSync.Benchmarks.Harness;

/// <summary>What one scenario measured, plus the facts it checked along the way (records counted, outputs re-emitted).</summary>
public sealed class ScenarioResult(int number, string title)
{
    public int Number { get; } = number;

    public string Title { get; } = title;

    public List<Metric> Metrics { get; } = [];

    /// <summary>Free-form lines: breakdowns, server seeding time, explanations.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Counts checked during the run (e.g. records a SmartSync downloaded), for the smoke test.</summary>
    public Dictionary<string, long> Facts { get; } = new(System.StringComparer.Ordinal);

    public Metric Add(Metric metric)
    {
        Metrics.Add(metric);
        return metric;
    }
}
