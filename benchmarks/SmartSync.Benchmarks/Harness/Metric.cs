namespace SmartSync.Benchmarks.Harness;

/// <summary>One reported number: the median, the individual runs, and the target it is held against (if any).</summary>
/// <param name="Name">What was measured.</param>
/// <param name="Value">The median (or the single value).</param>
/// <param name="Unit">Unit of <paramref name="Value"/>.</param>
/// <param name="Detail">The individual runs, load average or other context.</param>
/// <param name="Target">The target in words, e.g. "≥ 100,000 records/s"; null when informative only.</param>
/// <param name="Met">Whether the target was met; null when there is no target.</param>
public sealed record Metric(string Name, double Value, string Unit, string Detail, string? Target = null, bool? Met = null);
