using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace SmartSync.Data.Tests.Infrastructure;

/// <summary>Collects a live query's emissions so a test can await the next one (with a safety timeout in real time).</summary>
public sealed class CollectingObserver<T> : IObserver<IReadOnlyList<T>>
{
    private readonly Channel<IReadOnlyList<T>> _emissions = Channel.CreateUnbounded<IReadOnlyList<T>>();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Exception? Error { get; private set; }

    public async Task<IReadOnlyList<T>> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _emissions.Reader.ReadAsync(cts.Token);
    }

    /// <summary>True when nothing was emitted within <paramref name="wait"/> (real time: the fake clock did not move, so no timer can fire).</summary>
    public async Task<bool> StaysQuietAsync(TimeSpan wait)
    {
        await Task.Delay(wait);
        return !_emissions.Reader.TryPeek(out _);
    }

    public void OnCompleted() => _emissions.Writer.TryComplete();

    public void OnError(Exception error)
    {
        Error = error;
        _emissions.Writer.TryComplete(error);
    }

    public void OnNext(IReadOnlyList<T> value)
    {
        Interlocked.Increment(ref _count);
        _emissions.Writer.TryWrite(value);
    }
}
