using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Benchmarks.Harness;

/// <summary>
/// Samples this process's managed heap and working set on a timer while a run is in progress and keeps the
/// peaks. The managed figure is the GC heap size after the last GC plus what was allocated since
/// (<see cref="GC.GetTotalMemory(bool)"/> without forcing a collection), i.e. what the app really holds.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakManaged;
    private long _peakHeapAfterGc;
    private long _peakWorkingSet;
    private int _samples;

    private MemorySampler(TimeSpan interval)
    {
        Sample();
        _loop = RunAsync(interval, _stop.Token);
    }

    public long PeakManagedBytes => Interlocked.Read(ref _peakManaged);

    /// <summary>The largest heap the GC reported after a collection (live data, no floating garbage).</summary>
    public long PeakHeapAfterGcBytes => Interlocked.Read(ref _peakHeapAfterGc);

    public long PeakWorkingSetBytes => Interlocked.Read(ref _peakWorkingSet);

    public int Samples => Volatile.Read(ref _samples);

    public static MemorySampler Start(TimeSpan? interval = null) => new(interval ?? TimeSpan.FromMilliseconds(10));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        Sample();
        _stop.Dispose();
    }

    private async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            Sample();
        }
    }

    private void Sample()
    {
        Max(ref _peakManaged, GC.GetTotalMemory(false));
        Max(ref _peakHeapAfterGc, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
        using (var process = Process.GetCurrentProcess())
        {
            Max(ref _peakWorkingSet, process.WorkingSet64);
        }

        Interlocked.Increment(ref _samples);
    }

    private static void Max(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
