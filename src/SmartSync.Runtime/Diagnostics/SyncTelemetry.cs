using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SmartSync.Diagnostics;

/// <summary>Tracing and metrics of the engine: one activity per run and per phase, a few counters.</summary>
internal static class SyncTelemetry
{
    public const string Name = "SmartSync";

    public static readonly ActivitySource ActivitySource = new(Name, "1.0");

    public static readonly Meter Meter = new(Name, "1.0");

    public static readonly Counter<long> Runs = Meter.CreateCounter<long>("smartsync.runs", description: "Sync runs by outcome");

    public static readonly Counter<long> RecordsDownloaded = Meter.CreateCounter<long>("smartsync.records.downloaded", description: "Records applied from downloads");

    public static readonly Counter<long> RecordsUploaded = Meter.CreateCounter<long>("smartsync.records.uploaded", description: "Local changes the server accepted");

    public static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>("smartsync.run.duration", unit: "ms", description: "Duration of sync runs");
}
