using System;
using System.Collections.Generic;

namespace SmartSync.Preconditions;

/// <summary>
/// Counts connection failures in a sliding window on a <see cref="TimeProvider"/>; once the
/// threshold is reached it stays open for the break duration, then closes and starts counting afresh.
/// </summary>
internal sealed class ConnectionCircuitBreaker
{
    private readonly CircuitBreakerOptions _options;
    private readonly TimeProvider _time;
    private readonly Queue<DateTimeOffset> _failures = new();
    private readonly object _gate = new();
    private DateTimeOffset? _openUntil;

    public ConnectionCircuitBreaker(CircuitBreakerOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>Whether SmartSync must be refused now; <paramref name="retryAt"/> says when it may run again.</summary>
    public bool IsOpen(out DateTimeOffset retryAt)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_openUntil is { } until)
            {
                if (now < until)
                {
                    retryAt = until;
                    return true;
                }

                _openUntil = null;
                _failures.Clear();
            }

            retryAt = now;
            return false;
        }
    }

    public void RecordFailure()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            _failures.Enqueue(now);
            while (_failures.Count > 0 && now - _failures.Peek() > _options.Window)
            {
                _failures.Dequeue();
            }

            if (_failures.Count >= _options.FailureThreshold)
            {
                _openUntil = now + _options.BreakDuration;
            }
        }
    }

    /// <summary>A run reached the server: earlier failures no longer count.</summary>
    public void RecordSuccess()
    {
        lock (_gate)
        {
            _failures.Clear();
        }
    }
}
