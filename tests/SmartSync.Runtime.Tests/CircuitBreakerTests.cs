using System;
using Microsoft.Extensions.Time.Testing;
using SmartSync.Preconditions;
using Xunit;

namespace SmartSync.Runtime.Tests;

public sealed class CircuitBreakerTests
{
    private static readonly CircuitBreakerOptions Options = new() { FailureThreshold = 3, Window = TimeSpan.FromMinutes(10), BreakDuration = TimeSpan.FromMinutes(5) };

    [Fact]
    public void Opens_at_the_threshold_within_the_window_and_closes_after_the_break()
    {
        var time = new FakeTimeProvider();
        var breaker = new ConnectionCircuitBreaker(Options, time);

        breaker.RecordFailure();
        time.Advance(TimeSpan.FromMinutes(4));
        breaker.RecordFailure();
        Assert.False(breaker.IsOpen(out _));
        time.Advance(TimeSpan.FromMinutes(4));
        breaker.RecordFailure();

        Assert.True(breaker.IsOpen(out var retryAt));
        Assert.Equal(time.GetUtcNow() + Options.BreakDuration, retryAt);
        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.True(breaker.IsOpen(out _));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(breaker.IsOpen(out _));

        // Closed again with a clean slate: one more failure does not reopen it.
        breaker.RecordFailure();
        Assert.False(breaker.IsOpen(out _));
    }

    [Fact]
    public void Failures_outside_the_window_do_not_count()
    {
        var time = new FakeTimeProvider();
        var breaker = new ConnectionCircuitBreaker(Options, time);

        for (var i = 0; i < 5; i++)
        {
            breaker.RecordFailure();
            time.Advance(TimeSpan.FromMinutes(6));
        }

        Assert.False(breaker.IsOpen(out _));
    }

    [Fact]
    public void A_success_clears_earlier_failures()
    {
        var time = new FakeTimeProvider();
        var breaker = new ConnectionCircuitBreaker(Options, time);
        breaker.RecordFailure();
        breaker.RecordFailure();

        breaker.RecordSuccess();
        breaker.RecordFailure();

        Assert.False(breaker.IsOpen(out _));
    }
}
