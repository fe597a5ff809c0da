using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
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
        await using var emulator = await DataverseEmulator.StartAsync();
        Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, () => emulator.Alice.Token, maxConcurrency: 4);
        await device.FullSyncAsync();
        var created = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();
        foreach (var key in created)
        {
            await device.Client.Records.UpsertAsync("account", key.ToString(), new Dictionary<string, object?> { ["name"] = "Bulk " + key });
        }

        emulator.ClearRequests();
        emulator.Throttle(1, TimeSpan.FromSeconds(2));

        var result = await device.Client.RunAsync(DataverseDevice.Profile("Up", SyncAction.UpSync, SyncModules.None, SyncMethod.Default, "account"));

        Assert.True(result.IsSuccess, result.Message);
        Assert.All(created, key => Assert.NotNull(emulator.Row("account", key)));
        var requests = emulator.Requests;
        var throttled = requests.First(r => r.Status == 429);
        Assert.Equal(1 + emulator.RequestsDuringPenalty, requests.Count(r => r.Status == 429));
        var penaltyEnd = throttled.At + TimeSpan.FromSeconds(2);
        // Requests already on the wire when the 429 came back may still arrive; nothing the client sent after it.
        var early = requests.Where(r => r.At > throttled.At && r.At < penaltyEnd).ToList();
        Assert.True(early.Count <= 3, $"{early.Count} request(s) arrived during the pause");
        Assert.All(early, r => Assert.True(r.At - throttled.At < TimeSpan.FromMilliseconds(500), "a request was sent during the pause"));
        Assert.Contains(requests, r => r.At >= penaltyEnd - TimeSpan.FromMilliseconds(20));
        Assert.InRange(emulator.MaxInFlight, 1, 4);
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_fails_the_run_without_tripping_the_circuit_breaker()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, () => emulator.Alice.Token, maxThrottleRetries: 0);
        await device.FullSyncAsync();

        // More failed runs than the breaker's threshold (3), each stopped by a 429.
        for (var i = 0; i < 4; i++)
        {
            emulator.Throttle(1, TimeSpan.FromSeconds(1));
            var failed = await device.Client.RunAsync(DataverseDevice.Profile("Accounts", SyncAction.DownSync, SyncModules.None, SyncMethod.Default, "account"));
            Assert.Equal(SyncOutcome.Failed, failed.Outcome);
            Assert.IsType<ServiceProtectionLimitException>(failed.Error);
            await Task.Delay(TimeSpan.FromSeconds(1.1));
        }

        var result = await device.Client.RunAsync(DataverseDevice.Profile("Accounts", SyncAction.DownSync, SyncModules.None, SyncMethod.Default, "account"));
        Assert.NotEqual(SyncRefusalReason.TooManyConnectionFailures, result.RefusalReason);
        Assert.True(result.IsSuccess, result.Message);
    }

    [Fact]
    public async Task Concurrency_never_exceeds_the_service_limit_of_52_whatever_the_option_says()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, () => emulator.Alice.Token, maxConcurrency: 500, pageSize: 200);
        await device.FullSyncAsync();
        var created = Enumerable.Range(0, 150).Select(_ => Guid.NewGuid()).ToList();
        foreach (var key in created)
        {
            await device.Client.Records.UpsertAsync("account", key.ToString(), new Dictionary<string, object?> { ["name"] = "Bulk" });
        }

        var result = await device.Client.RunAsync(DataverseDevice.Profile("Up", SyncAction.UpSync, SyncModules.None, SyncMethod.Default, "account"));

        Assert.True(result.IsSuccess, result.Message);
        Assert.All(created, key => Assert.NotNull(emulator.Row("account", key)));
        Assert.DoesNotContain(emulator.Requests, r => r.Status == 429);
        Assert.InRange(emulator.MaxInFlight, 2, DataverseTransportOptions.ServiceConcurrencyLimit); // parallel, within the bound
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
