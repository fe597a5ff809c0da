using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Running;
using Microsoft.Data.Sqlite;
using SmartSync.Benchmarks.Harness;
using SmartSync.Benchmarks.Micro;
using SmartSync.Benchmarks.Scenarios;

namespace SmartSync.Benchmarks;

/// <summary>Command line: which scenarios to run, at which sizes, and where the Markdown report goes.</summary>
public static class BenchmarkApp
{
    public const string Usage = """
        SmartSync benchmarks (docs/benchmarks.md)
          dotnet run -c Release --project benchmarks/SmartSync.Benchmarks -- <what> [--smoke] [--reps N] [--out report.md]
              [--incremental-sizes 10000,100000] [--query-rows 1000000] [--memory-sizes 100000] [--memory-reps N] [--page-size 1000] [--no-auto-exclusions]
        what: all | download | apply | speedup | incremental | memory | tooling | dataverse | stall | query   (several may be given)
              bdn [BenchmarkDotNet arguments]   micro-benchmarks of the generator, analyzers and apply path
              serve --task-rows N --scratch DIR  (internal: the memory scenario's server process)
        """;

    private static readonly Dictionary<string, Func<ScenarioContext, Task<ScenarioResult>>> Scenarios = new(StringComparer.OrdinalIgnoreCase)
    {
        ["download"] = DownloadThroughputScenario.RunAsync,
        ["apply"] = ApplyVsRawScenario.RunAsync,
        ["speedup"] = SmartSyncSpeedupScenario.RunAsync,
        ["incremental"] = IncrementalScalingScenario.RunAsync,
        ["memory"] = MemoryScenario.RunAsync,
        ["tooling"] = ToolingScenario.RunAsync,
        ["dataverse"] = DataverseToolingScenario.RunAsync,
        ["stall"] = StalledServerScenario.RunAsync,
        ["query"] = LocalQueryScenario.RunAsync,
    };

    public static async Task<int> MainAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] == "load")
        {
            return await LoadTest.LoadCommand.RunAsync(args[1..]);
        }

        if (args[0] == "serve")
        {
            return await ServeCommand.RunAsync(args[1..]);
        }

        if (args[0] == "bdn")
        {
            BenchmarkSwitcher.FromTypes([typeof(ToolingBenchmarks), typeof(ApplyBenchmarks)]).Run(args[1..]);
            return 0;
        }

        var settings = BenchmarkSettings.Full;
        string? output = null;
        var selected = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--smoke":
                    settings = BenchmarkSettings.Smoke;
                    break;
                case "--reps" when i + 1 < args.Length:
                    settings = settings with { Repetitions = int.Parse(args[++i], CultureInfo.InvariantCulture) };
                    break;
                case "--incremental-sizes" when i + 1 < args.Length:
                    settings = settings with { IncrementalSizes = Sizes(args[++i]) };
                    break;
                case "--memory-sizes" when i + 1 < args.Length:
                    settings = settings with { MemorySizes = Sizes(args[++i]) };
                    break;
                case "--query-rows" when i + 1 < args.Length:
                    settings = settings with { QueryTableRows = int.Parse(args[++i], CultureInfo.InvariantCulture) };
                    break;
                case "--no-auto-exclusions":
                    settings = settings with { AutoExclusions = false };
                    break;
                case "--memory-reps" when i + 1 < args.Length:
                    settings = settings with { MemoryRepetitions = int.Parse(args[++i], CultureInfo.InvariantCulture) };
                    break;
                case "--page-size" when i + 1 < args.Length:
                    settings = settings with { PageSize = int.Parse(args[++i], CultureInfo.InvariantCulture) };
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "all":
                    selected.AddRange(Scenarios.Keys);
                    break;
                default:
                    if (!Scenarios.ContainsKey(args[i]))
                    {
                        Console.Error.WriteLine($"Unknown argument '{args[i]}'.");
                        Console.Error.WriteLine(Usage);
                        return 2;
                    }

                    selected.Add(args[i]);
                    break;
            }
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var results = await RunAsync(selected.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), settings, Console.Out, cancel.Token);
        var markdown = ReportWriter.ToMarkdown(results, "dotnet run -c Release --project benchmarks/SmartSync.Benchmarks -- " + string.Join(' ', args));
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, markdown, cancel.Token);
        }

        return 0;
    }

    private static int[] Sizes(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Runs the named scenarios in order in a scratch folder that is removed afterwards.</summary>
    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(IReadOnlyList<string> scenarios, BenchmarkSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "smartsync-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        var results = new List<ScenarioResult>();
        try
        {
            var context = new ScenarioContext(settings, scratch, log, cancellationToken);
            if (settings.WarmUp)
            {
                // The generator scenario reports its own first (JIT) run, so it is not warmed.
                var warmUp = context with { Settings = BenchmarkSettings.Smoke, Log = TextWriter.Null };
                foreach (var name in scenarios.Where(n => !n.Equals("tooling", StringComparison.OrdinalIgnoreCase) && !n.Equals("dataverse", StringComparison.OrdinalIgnoreCase)))
                {
                    log.WriteLine($"[{name}] warm-up at smoke sizes");
                    await Scenarios[name](warmUp).ConfigureAwait(false);
                }
            }

            foreach (var name in scenarios)
            {
                log.WriteLine($"[{name}] load average {Measurements.LoadAverage()}");
                var result = await Scenarios[name](context).ConfigureAwait(false);
                results.Add(result);

                // Printed as each scenario ends, so a long run that is cut short still leaves its results.
                log.WriteLine(ReportWriter.ToMarkdown([result], name));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
                log.WriteLine($"Could not remove the scratch folder {scratch}.");
            }
        }

        return results;
    }
}
