using System.Collections.Generic;

namespace SmartSync.Benchmarks.Harness;

/// <summary>Sizes of every scenario: the documented full run, or tiny ones for the CI smoke run.</summary>
public sealed record BenchmarkSettings
{
    /// <summary>Measured repetitions per comparison; the report shows the median.</summary>
    public int Repetitions { get; init; } = 3;

    /// <summary>The client's page size (<see cref="SmartSyncClientOptions.PageSize"/>); 1,000 is the client's default.</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>Whether the client maintains its auto exclusion list (on by default; off isolates its cost when profiling).</summary>
    public bool AutoExclusions { get; init; } = true;

    /// <summary>Records of the download-throughput scenario (1).</summary>
    public int DownloadRecords { get; init; } = 100_000;

    /// <summary>Records of the apply-vs-raw scenario (2).</summary>
    public int ApplyRecords { get; init; } = 100_000;

    /// <summary>Rows per entity of the speed-up scenario (3).</summary>
    public int SpeedupRowsPerEntity { get; init; } = 10_000;

    /// <summary>Server-side task edits before each SmartSync (3, 4).</summary>
    public int ChangedRecords { get; init; } = 10;

    /// <summary>Task table sizes of the incremental-cost scenario (4).</summary>
    public IReadOnlyList<int> IncrementalSizes { get; init; } = [10_000, 100_000, 1_000_000];

    /// <summary>Download sizes of the memory scenario (5).</summary>
    public IReadOnlyList<int> MemorySizes { get; init; } = [100_000, 1_000_000];

    /// <summary>Repetitions of the memory scenario (peaks vary little; a 1M download is long on a loaded machine).</summary>
    public int? MemoryRepetitions { get; init; }

    /// <summary>Tasks re-downloaded while the app writes (7).</summary>
    public int StallRecords { get; init; } = 20_000;

    /// <summary>How long the stalled page stops mid-body (7).</summary>
    public System.TimeSpan Stall { get; init; } = System.TimeSpan.FromSeconds(3);

    /// <summary>Profiles in the synthetic SmartSync.xml (6).</summary>
    public int ToolingProfiles { get; init; } = 1_000;

    /// <summary>Entities in the synthetic CSDL (6).</summary>
    public int ToolingEntities { get; init; } = 1_000;

    /// <summary>Runs the memory scenario's server in a child process (clean client numbers).</summary>
    public bool SeparateServerProcess { get; init; } = true;

    /// <summary>Runs each sync scenario once at smoke sizes first (results discarded), so measured runs see JIT-compiled, tiered-up code.</summary>
    public bool WarmUp { get; init; } = true;

    public bool IsSmoke { get; init; }

    /// <summary>Rows of the local task table the query scenario searches by an indexed lookup.</summary>
    public int QueryTableRows { get; init; } = 1_000_000;

    /// <summary>Rows the query scenario reads as typed records and with a raw SqliteDataReader loop.</summary>
    public int QueryReadRows { get; init; } = 100_000;

    public static BenchmarkSettings Full { get; } = new();

    /// <summary>Seconds, not minutes: proves every scenario still runs end to end.</summary>
    public static BenchmarkSettings Smoke { get; } = new()
    {
        Repetitions = 1,
        DownloadRecords = 300,
        ApplyRecords = 300,
        SpeedupRowsPerEntity = 40,
        ChangedRecords = 3,
        IncrementalSizes = [50, 200],
        MemorySizes = [200],
        StallRecords = 300,
        Stall = System.TimeSpan.FromMilliseconds(300),
        ToolingProfiles = 20,
        ToolingEntities = 20,
        SeparateServerProcess = false,
        WarmUp = false,
        IsSmoke = true,
        QueryTableRows = 2_000,
        QueryReadRows = 1_000,
    };
}
