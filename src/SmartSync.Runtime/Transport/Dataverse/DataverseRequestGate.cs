using System;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Transport.Dataverse;

/// <summary>
/// Every request of one transport passes here: at most <c>MaxConcurrency</c> in flight, and none at all while a
/// 429's <c>Retry-After</c> runs (Dataverse extends the penalty for a client that keeps sending). No lock is held
/// across I/O: the pause is a timestamp, the slots a semaphore.
/// </summary>
internal sealed class DataverseRequestGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public DataverseRequestGate(int concurrency, TimeProvider time)
    {
        _slots = new SemaphoreSlim(concurrency, concurrency);
        _time = time;
    }

    /// <summary>Waits for a free slot and for the end of any pause; dispose the lease when the response is read.</summary>
    public async ValueTask<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (Remaining() is { } wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            _slots.Release();
            throw;
        }

        return new Lease(_slots);
    }

    /// <summary>Stops every request of this client until <paramref name="delay"/> has passed.</summary>
    public void Pause(TimeSpan delay)
    {
        lock (_gate)
        {
            var until = _time.GetUtcNow() + delay;
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    public void Dispose() => _slots.Dispose();

    private TimeSpan? Remaining()
    {
        lock (_gate)
        {
            var left = _pausedUntil - _time.GetUtcNow();
            return left > TimeSpan.Zero ? left : null;
        }
    }

    /// <summary>One slot, released once.</summary>
    internal sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private SemaphoreSlim? _slots = slots;

        public void Dispose() => Interlocked.Exchange(ref _slots, null)?.Release();
    }
}
