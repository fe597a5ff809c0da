using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.ReferenceServer;
using SmartSync.Transport;

namespace SmartSync.ReliabilityTests.ServerTrouble;

/// <summary>
/// Matrix item 3: 5xx, 429 with Retry-After, responses slower than the timeout, refused connections. Runs back off
/// on the fake clock and complete when the server recovers; repeated connection failures open the circuit breaker,
/// which refuses SmartSync with that reason (without touching the network) until the cool-down has passed.
/// </summary>
public sealed class ServerTroubleTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CrmServer Server => fixture.Server;

    private static LoadedProfile Accounts => Device.Profile("Accounts", SyncAction.DownSync, SyncModules.None, "account");

    [Theory]
    [InlineData(429, 7)]
    [InlineData(503, 3)]
    [InlineData(503, null)]
    public async Task Throttled_and_unavailable_pages_are_retried_after_the_servers_delay_and_the_run_completes(int status, int? retryAfter)
    {
        var time = new AutoAdvancingTimeProvider();
        await using var device = new Device(Server, Server.User("alice").Token, new DeviceOptions { MaxRetryAttempts = 4, Time = time });
        // The first two attempts of the second page fail, the third gets through.
        device.Handler.Plan = r => r.IsEntityPage && r.Index is 2 or 3
            ? new Fault.Status(status, retryAfter is { } s ? TimeSpan.FromSeconds(s) : null)
            : null;

        var result = await device.Client.RunFullSyncAsync();

        Assert.True(result.IsSuccess, result + " " + result.Error);
        var delays = time.Delays.ToList();
        Assert.Equal(2, delays.Count);
        if (retryAfter is { } seconds)
        {
            Assert.All(delays, d => Assert.Equal(TimeSpan.FromSeconds(seconds), d));
        }
        else
        {
            // Exponential backoff with jitter (Polly's decorrelated jitter): every wait is positive and capped,
            // but two consecutive waits are not ordered, so only the bounds are asserted.
            var options = new SmartSync.Transport.Http.HttpSyncTransportOptions();
            Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromTicks(1), options.MaxRetryDelay));
        }

        await AssertSameAsAnUndisturbedDeviceAsync(device);
        Assert.Contains(device.Logs.GetSnapshot(), r => r.Message.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task A_server_error_fails_the_run_cleanly_and_the_next_run_completes_once_the_server_recovered(int status)
    {
        await using var device = new Device(Server, Server.User("alice").Token);
        await device.FullSyncAsync();
        await Server.EditRowAsync("account", Server.OwnedKeys("account", Server.User("alice").Id)[0], new System.Collections.Generic.Dictionary<string, object?> { ["name"] = "changed " + status });
        device.Handler.Plan = r => r.IsEntityPage ? new Fault.Status(status) : null;

        var failed = await device.Client.RunAsync(Accounts);
        Assert.Equal(SyncOutcome.Failed, failed.Outcome);
        Assert.IsType<TransportUnavailableException>(failed.Error);

        device.Handler.Plan = null;
        var recovered = await device.Client.RunAsync(Accounts);
        Assert.True(recovered.IsSuccess, recovered + " " + recovered.Error);
        await AssertSameAsAnUndisturbedDeviceAsync(device);
    }

    [Fact]
    public async Task A_response_slower_than_the_timeout_is_abandoned_and_retried()
    {
        var time = new AutoAdvancingTimeProvider();
        await using var device = new Device(Server, Server.User("bob").Token, new DeviceOptions
        {
            MaxRetryAttempts = 2,
            Time = time,
            // A real HttpClient timeout: the hung response never comes, so only the timeout can end it.
            HttpTimeout = TimeSpan.FromSeconds(2),
        });
        device.Handler.Plan = r => r.IsEntityPage && r.Index == 3 ? new Fault.Hang() : null;

        var result = await device.Client.RunFullSyncAsync();

        Assert.True(result.IsSuccess, result + " " + result.Error);
        Assert.Single(time.Delays);
        await AssertSameAsAnUndisturbedDeviceAsync(device);
    }

    [Fact]
    public async Task Refused_connections_open_the_circuit_breaker_until_the_cool_down_passes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var device = new Device(Server, Server.User("carol").Token, new DeviceOptions
        {
            Time = time,
            CircuitBreaker = new CircuitBreakerOptions { FailureThreshold = 3, Window = TimeSpan.FromMinutes(10), BreakDuration = TimeSpan.FromMinutes(5) },
        });
        await device.FullSyncAsync();

        device.Handler.Plan = _ => new Fault.Refuse();
        for (var i = 0; i < 3; i++)
        {
            var failed = await device.Client.RunAsync(Accounts);
            Assert.Equal(SyncOutcome.Failed, failed.Outcome);
            Assert.IsType<TransportUnavailableException>(failed.Error);
            time.Advance(TimeSpan.FromSeconds(30));
        }

        // The server is back, but the breaker is open: refused with the reason, and nothing goes on the wire.
        device.Handler.Plan = null;
        var sent = device.Handler.Requests.Count;
        var refused = await device.Client.RunAsync(Accounts);
        Assert.Equal(SyncOutcome.Refused, refused.Outcome);
        Assert.Equal(SyncRefusalReason.TooManyConnectionFailures, refused.RefusalReason);
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(SyncRefusalReason.TooManyConnectionFailures, (await device.Client.RunAsync(Accounts)).RefusalReason);
        Assert.Equal(sent, device.Handler.Requests.Count);

        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var completed = await device.Client.RunAsync(Accounts);
        Assert.True(completed.IsSuccess, completed + " " + completed.Error);
        Assert.Equal(SyncOutcome.Completed, (await device.Client.RunAsync(Accounts)).Outcome);
    }

    private async Task AssertSameAsAnUndisturbedDeviceAsync(Device device)
    {
        await device.FullSyncAsync();
        await using var reference = new Device(Server, device.Token);
        await reference.FullSyncAsync();
        StoreSnapshot.AssertSameData(reference.Snapshot(), device.Snapshot(), "after the server recovered");
    }
}
