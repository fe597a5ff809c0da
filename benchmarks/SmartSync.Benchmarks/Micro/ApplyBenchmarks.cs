using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using SmartSync.Benchmarks.Harness;
using SmartSync.Benchmarks.Replay;

namespace SmartSync.Benchmarks.Micro;

/// <summary>
/// BenchmarkDotNet view of scenario 2: the engine applying pre-parsed pages into an empty table vs the raw INSERT
/// loop, with allocations. Each iteration gets a fresh database (created in the iteration setup, not measured).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, iterationCount: 5, warmupCount: 1)]
public class ApplyBenchmarks
{
    private string _csdl = null!;
    private string _scratch = null!;
    private PrebuiltRecords _records = null!;
    private ReplayTransport _transport = null!;
    private ClientSession? _session;
    private string _rawPath = null!;

    [Params(20_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _csdl = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "crm.csdl"));
        _scratch = Path.Combine(Path.GetTempPath(), "smartsync-bdn-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_scratch);
        var task = ReplayTransport.EntityAsync(_csdl, "task", _scratch, CancellationToken.None).GetAwaiter().GetResult();
        _records = PrebuiltRecords.Create(task, Records);
    }

    [IterationSetup(Target = nameof(Engine))]
    public void EngineSetup()
    {
        _transport = new ReplayTransport(_csdl, _records, 1000);
        _session = ClientSession.Create(_transport, _scratch);
        SyncRun.EnsureCompleted(_session.Client.RunFullSyncAsync(CancellationToken.None).GetAwaiter().GetResult(), "The schema sync");
        _transport.ServeRecords = true;
    }

    [IterationCleanup(Target = nameof(Engine))]
    public void EngineCleanup() => _session?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(Raw))]
    public void RawSetup() => _rawPath = Path.Combine(_scratch, "raw-" + Guid.NewGuid().ToString("N") + ".db");

    [Benchmark(Baseline = true, Description = "Raw Microsoft.Data.Sqlite INSERT loop")]
    public TimeSpan Raw() => RawSqliteBaseline.Insert(_rawPath, _records);

    [Benchmark(Description = "Engine: Profiles.DownloadTasks over replayed pages")]
    public async Task<SyncResult> Engine() =>
        SyncRun.EnsureCompleted(await Profiles.DownloadTasks.RunAsync(_session!.Client, CancellationToken.None), "DownloadTasks");

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // Temp files; harmless.
        }
    }
}
