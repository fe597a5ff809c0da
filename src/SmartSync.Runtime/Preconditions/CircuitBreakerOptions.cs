using System;

namespace SmartSync;

/// <summary>How many connection failures, within what window, stop SmartSync, and for how long.</summary>
public sealed class CircuitBreakerOptions
{
    /// <summary>Failures within <see cref="Window"/> that open the breaker.</summary>
    public int FailureThreshold { get; set; } = 3;

    /// <summary>How far back failures count.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long SmartSync is refused once the breaker opened.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromMinutes(5);
}
