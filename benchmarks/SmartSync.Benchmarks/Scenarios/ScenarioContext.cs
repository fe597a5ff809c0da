using System;
using System.IO;
using System.Threading;

namespace SmartSync.Benchmarks.Scenarios;

/// <summary>What every scenario gets: sizes, a scratch folder for SQLite files, a progress log, cancellation.</summary>
public sealed record ScenarioContext(Harness.BenchmarkSettings Settings, string ScratchFolder, TextWriter Log, CancellationToken CancellationToken)
{
    public void Say(string line) => Log.WriteLine("  " + DateTime.UtcNow.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " " + line);
}
