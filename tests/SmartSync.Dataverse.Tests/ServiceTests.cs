using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SmartSync.Dataverse.Tests.Emulator;
using SmartSync.Dataverse.Tests.Infrastructure;
using SmartSync.Transport;
using SmartSync.Transport.Dataverse;

namespace SmartSync.Dataverse.Tests;

/// <summary>Expired tokens, service protection limits (429 + Retry-After) and the concurrency bound.</summary>
public sealed class ServiceTests
{
    [Fact]
    public async Task A_request_the_environment_never_answers_fails_the_run_after_the_attempt_timeout_and_the_next_run_completes()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, () => emulator.Alice.Token, attemptTimeout: TimeSpan.FromSeconds(1));
        await device.FullSyncAsync();

        // The environment stops answering WhoAmI (it holds the request until the client gives up).
        emulator.BeforeResponse = (target, aborted) => target.Contains("WhoAmI", StringComparison.Ordinal)
            ? Task.Delay(TimeSpan.FromMinutes(2), aborted)
            : Task.CompletedTask;
        var stalled = await device.Client.RunFullSyncAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(SyncOutcome.Failed, stalled.Outcome);
        Assert.IsType<TransportUnavailableException>(stalled.Error);

        emulator.BeforeResponse = null;
        var again = await device.Client.RunFullSyncAsync();
        Assert.True(again.IsSuccess, again + " " + again.Error);
    }

    [Fact]
    public async Task A_401_asks_the_token_provider_again_and_the_run_goes_on_with_the_fresh_token()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        Seed.Apply(emulator);
        var handOutStale = false;
        await using var device = new DataverseDevice(emulator, () =>
        {
            // Like a token cache: the cached token first (the server has just expired it), a fresh one when asked again.
            if (handOutStale)
            {
                handOutStale = false;
                return "token-alice";
            }

            return emulator.Alice.Token;
        });
        await device.FullSyncAsync();
        emulator.ExpiredTokens.Add("token-alice");
        emulator.Alice.Token = "token-alice-2";
        handOutStale = true;
        emulator.ClearRequests();

        var result = await device.Client.RunAsync(DataverseDevice.Profile("Accounts", SyncAction.DownSync, SyncModules.None, SyncMethod.Default, "account"));

        Assert.True(result.IsSuccess, result.Message);
        var requests = emulator.Requests;
        var rejected = Assert.Single(requests, r => r.Status == 401);
        Assert.Equal("token-alice", rejected.Token);
        Assert.All(requests.Where(r => r.Status != 401), r => Assert.Equal("token-alice-2", r.Token));
        Assert.Equal(rejected.Target, requests[1].Target); // the same request, sent again with the fresh token
    }

    [Fact]
    public async Task A_token_that_stays_refused_ends_in_sign_in_required()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, () => "token-alice");
        await device.FullSyncAsync();
        emulator.ExpiredTokens.Add("token-alice");
        emulator.ClearRequests();

        var failed = await device.Client.RunFullSyncAsync();
        Assert.Equal(SyncOutcome.Failed, failed.Outcome);
        Assert.IsType<AuthorizationRequiredException>(failed.Error);
        Assert.Equal(2, emulator.Requests.Count); // WhoAmI, and once more after asking for a token

        var refused = await device.Client.RunAsync(DataverseDevice.Profile("Accounts", SyncAction.DownSync, SyncModules.None, SyncMethod.Default, "account"));
        Assert.Equal(SyncRefusalReason.AuthorizationRequired, refused.RefusalReason);
    }

    [Fact]
    public async Task A_429_pauses_every_request_of_the_client_for_the_whole_Retry_After()
    {
        // One fake clock for the emulator's penalty and the client's pause, and every step waits for an event rather
        // than a duration: a loaded machine can only make this test slower, never fail it.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var emulator = await DataverseEmulator.StartAsync();
        emulator.Time = clock;
        Seed.Apply(emulator);
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        await using var device = new DataverseDevice(
            emulator, () => emulator.Alice.Token, maxConcurrency: 4, pageSize: 50, time: clock, transportLogger: loggers.CreateLogger<DataverseSyncTransport>());
        await device.FullSyncAsync();
        var created = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        foreach (var key in created)
        {
            await device.Client.Records.UpsertAsync("account", key.ToString(), new Dictionary<string, object?> { ["name"] = "Bulk " + key });
        }

        // Three uploads are answered only when the test says so; the fourth one in flight is throttled for 2 s.
        var release = new TaskCompletionSource();
        emulator.Hold = r => r.Method == "PATCH" && r.Status != 429 ? release.Task : Task.CompletedTask;
        emulator.ThrottleWhen((inFlight, method) => method == "PATCH" && inFlight == 4, TimeSpan.FromSeconds(2));
        emulator.ClearRequests();
        var throttledAt = clock.GetUtcNow();

        var run = device.Client.RunAsync(DataverseDevice.Profile("Up", SyncAction.UpSync, SyncModules.None, SyncMethod.Default, "account"));
        await WaitUntilAsync(() => logs.Lines.Any(l => l.EventId == 3201)); // the client has seen the 429 and paused
        emulator.Hold = null;
        release.SetResult();
        await QuietAsync(emulator);

        // The three answers freed their slots, but the clock stands inside the Retry-After: the whole client waits, so
        // nothing arrived during the penalty (a client that paused only the throttled request would have sent more).
        Assert.Equal(0, emulator.RequestsDuringPenalty);
        Assert.False(run.IsCompleted, "the run went on during the Retry-After");

        // Just short of the whole Retry-After: still nothing is sent.
        var arrived = emulator.Requests.Count;
        clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(10));
        await QuietAsync(emulator);
        Assert.Equal(arrived, emulator.Requests.Count);
        Assert.False(run.IsCompleted, "the run went on before the Retry-After was over");

        clock.Advance(TimeSpan.FromSeconds(1));
        var result = await run.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(result.IsSuccess, result.Message);
        Assert.All(created, key => Assert.NotNull(emulator.Row("account", key)));
        Assert.Single(emulator.Requests, r => r.Status == 429);
        Assert.Equal(0, emulator.RequestsDuringPenalty);
        Assert.InRange(emulator.MaxInFlight, 1, 4);
    }

    /// <summary>Polls until <paramref name="condition"/> holds (bounded by a generous minute, never a tight limit).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until no request arrived for a while (and, by default, the emulator handles nothing).</summary>
    private static async Task QuietAsync(DataverseEmulator emulator, bool requireIdle = true)
    {
        var count = -1;
        var quietPolls = 0;
        while (quietPolls < 10)
        {
            await Task.Delay(30);
            var now = emulator.Requests.Count;
            quietPolls = now == count && (!requireIdle || emulator.InFlight == 0) ? quietPolls + 1 : 0;
            count = now;
        }
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_fails_the_run_without_tripping_the_circuit_breaker()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var emulator = await DataverseEmulator.StartAsync();
        emulator.Time = clock;
        Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, () => emulator.Alice.Token, maxThrottleRetries: 0, time: clock);
        await device.FullSyncAsync();

        // More failed runs than the breaker's threshold (3), each stopped by a 429.
        for (var i = 0; i < 4; i++)
        {
            emulator.Throttle(1, TimeSpan.FromSeconds(1));
            var failed = await device.Client.RunAsync(DataverseDevice.Profile("Accounts", SyncAction.DownSync, SyncModules.None, SyncMethod.Default, "account"));
            Assert.Equal(SyncOutcome.Failed, failed.Outcome);
            Assert.IsType<ServiceProtectionLimitException>(failed.Error);
            clock.Advance(TimeSpan.FromSeconds(2)); // the penalty is over (no wall-clock wait)
        }

        var result = await device.Client.RunAsync(DataverseDevice.Profile("Accounts", SyncAction.DownSync, SyncModules.None, SyncMethod.Default, "account"));
        Assert.NotEqual(SyncRefusalReason.TooManyConnectionFailures, result.RefusalReason);
        Assert.True(result.IsSuccess, result.Message);
    }

    [Theory]
    [InlineData(4, 4)]
    [InlineData(500, DataverseTransportOptions.ServiceConcurrencyLimit)]
    public async Task Uploads_run_in_parallel_up_to_the_bound_and_never_above_52(int option, int bound)
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, () => emulator.Alice.Token, maxConcurrency: option, pageSize: 200);
        await device.FullSyncAsync();
        var created = Enumerable.Range(0, 150).Select(_ => Guid.NewGuid()).ToList();
        foreach (var key in created)
        {
            await device.Client.Records.UpsertAsync("account", key.ToString(), new Dictionary<string, object?> { ["name"] = "Bulk" });
        }

        // The emulator answers no upload until `bound` of them are in flight at once: uploads sent one after another
        // never get there (the wait below fails), and the transport's bound keeps them from going further.
        var release = new TaskCompletionSource();
        emulator.Hold = r => r.Method == "PATCH" ? release.Task : Task.CompletedTask;
        var run = device.Client.RunAsync(DataverseDevice.Profile("Up", SyncAction.UpSync, SyncModules.None, SyncMethod.Default, "account"));
        await WaitUntilAsync(() => emulator.WritesInFlight >= bound || run.IsCompleted);
        await QuietAsync(emulator, requireIdle: false);
        var heldAtOnce = emulator.WritesInFlight;
        emulator.Hold = null;
        release.SetResult();
        var result = await run.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal(bound, heldAtOnce);
        Assert.Equal(bound, emulator.MaxWritesInFlight);
        Assert.All(created, key => Assert.NotNull(emulator.Row("account", key)));
        Assert.DoesNotContain(emulator.Requests, r => r.Status == 429);
    }

    [Fact]
    public void The_service_root_is_built_from_the_environment_and_the_api_version()
    {
        using var http = new System.Net.Http.HttpClient();
        using var transport = new DataverseSyncTransport(http, new DataverseTransportOptions
        {
            EnvironmentUrl = new Uri("https://contoso.crm.dynamics.com"),
            AccessTokenProvider = _ => ValueTask.FromResult<string?>("t"),
        });
        Assert.Equal(new Uri("https://contoso.crm.dynamics.com/api/data/v9.2/"), transport.ServiceRoot);
        Assert.Throws<ArgumentException>(() => new DataverseSyncTransport(http, new DataverseTransportOptions { EnvironmentUrl = new Uri("https://x.example/") }));
        Assert.Throws<ArgumentException>(() => new DataverseSyncTransport(http, new DataverseTransportOptions
        {
            EnvironmentUrl = new Uri("https://x.example/"), AccessTokenProvider = _ => ValueTask.FromResult<string?>("t"), ApiVersion = "../evil",
        }));
    }
}
