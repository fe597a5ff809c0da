using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.Extensions.Time.Testing;

namespace SmartSync.ReliabilityTests.Infrastructure;

/// <summary>
/// A fake clock for retry backoff: every one-shot timer somebody creates (Polly's delay) makes the clock jump by
/// exactly its due time, so retries happen at once and the test can read which delays were asked for.
/// Periodic timers are left alone.
/// </summary>
public sealed class AutoAdvancingTimeProvider() : FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero))
{
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan && period == Timeout.InfiniteTimeSpan)
        {
            Delays.Enqueue(dueTime);
            ThreadPool.UnsafeQueueUserWorkItem(_ => Advance(dueTime), null);
        }

        return timer;
    }
}
