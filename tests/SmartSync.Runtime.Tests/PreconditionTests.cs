using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Runtime.Tests.Fakes;
using SmartSync.Transport;
using Xunit;

namespace SmartSync.Runtime.Tests;

public sealed class PreconditionTests
{
    private static readonly LoadedProfile Accounts = SyncHarness.Profile("Accounts", entities: SyncHarness.Entity("account"));

    /// <summary>What a refused run must leave exactly as it was.</summary>
    private static string State(SyncHarness h) => string.Join(
        "\n",
        h.Query("SELECT (SELECT COUNT(*) FROM __ss_history), (SELECT COUNT(*) FROM __ss_log), (SELECT COUNT(*) FROM __ss_outbox), (SELECT group_concat(name || '=' || IFNULL(value, ''), ',') FROM __ss_settings WHERE name <> 'model_csdl'), (SELECT group_concat(module || entity || cursor) FROM __ss_cursor)")
            .Select(r => string.Join("|", r)));

    private static async Task<SyncResult> AssertRefused(SyncHarness h, SmartSyncClient client, SyncRefusalReason reason, LoadedProfile? profile = null)
    {
        var before = State(h);
        var result = await client.RunAsync(profile ?? Accounts);
        Assert.Equal(SyncOutcome.Refused, result.Outcome);
        Assert.Equal(reason, result.RefusalReason);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        Assert.Equal(before, State(h));
        return result;
    }

    [Fact]
    public async Task Refused_when_not_allowed_by_options()
    {
        await using var h = new SyncHarness();
        var client = h.Client(allowSmartSync: false);
        Assert.True((await client.RunFullSyncAsync()).IsSuccess);
        var whoAmI = h.Server.WhoAmICalls;

        await AssertRefused(h, client, SyncRefusalReason.NotAllowed);
        Assert.Equal(whoAmI, h.Server.WhoAmICalls);
    }

    [Fact]
    public async Task Refused_before_any_full_sync_without_creating_tables()
    {
        await using var h = new SyncHarness();
        var client = h.Client();

        var result = await client.RunAsync(Accounts);

        Assert.Equal(SyncRefusalReason.FullSyncRequired, result.RefusalReason);
        Assert.Equal(0, h.Server.WhoAmICalls);
        Assert.Empty(h.Query("SELECT name FROM sqlite_master WHERE name = 'account'"));
    }

    [Fact]
    public async Task Refused_with_unresolved_sync_errors_until_resolved()
    {
        await using var h = new SyncHarness();
        var keys = h.Seed("account", 2);
        var client = h.Client(strategies: new Dictionary<string, ConflictStrategy> { ["account"] = ConflictStrategy.Manual });
        await client.RunFullSyncAsync();
        await client.Records.UpsertAsync("account", keys[0], new Dictionary<string, object?> { ["name"] = "device" });
        h.Server.Put("account", keys[0], new Dictionary<string, object?> { ["name"] = "server" });
        Assert.True((await client.RunAsync(Accounts)).IsSuccess);

        await AssertRefused(h, client, SyncRefusalReason.UnresolvedSyncErrors);

        var error = Assert.Single(await client.Records.GetSyncErrorsAsync());
        Assert.True(await client.Records.ResolveSyncErrorAsync(error.Id, ConflictChoice.KeepServer));
        Assert.True((await client.RunAsync(Accounts)).IsSuccess);
    }

    [Fact]
    public async Task A_401_persists_authorization_required_until_a_full_sync_signs_in_again()
    {
        await using var h = new SyncHarness();
        var client = h.Client();
        await client.RunFullSyncAsync();
        h.Server.Fault = op => op == nameof(ISyncTransport.WhoAmIAsync) ? new AuthorizationRequiredException("token expired") : null;

        var failed = await client.RunAsync(Accounts);
        Assert.Equal(SyncOutcome.Failed, failed.Outcome);
        Assert.IsType<AuthorizationRequiredException>(failed.Error);

        h.Server.Fault = null;
        await AssertRefused(h, client, SyncRefusalReason.AuthorizationRequired);

        // The state is persisted: the next client on the database (one owner at a time) sees it too.
        await client.DisposeAsync();
        await using (var other = new SyncHarnessClientScope(h))
        {
            Assert.Equal(SyncRefusalReason.AuthorizationRequired, (await other.Client.RunAsync(Accounts)).RefusalReason);
        }

        var reopened = h.Client();
        Assert.True((await reopened.RunFullSyncAsync()).IsSuccess);
        Assert.True((await reopened.RunAsync(Accounts)).IsSuccess);
    }

    [Fact]
    public async Task Too_many_connection_failures_open_the_breaker_until_the_cool_down_passes()
    {
        await using var h = new SyncHarness();
        var client = h.Client(breaker: new CircuitBreakerOptions { FailureThreshold = 3, Window = TimeSpan.FromMinutes(10), BreakDuration = TimeSpan.FromMinutes(5) });
        await client.RunFullSyncAsync();
        h.Server.Fault = op => op == nameof(ISyncTransport.WhoAmIAsync) ? new TransportUnavailableException("no route to host") : null;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(SyncOutcome.Failed, (await client.RunAsync(Accounts)).Outcome);
            h.Time.Advance(TimeSpan.FromMinutes(1));
        }

        h.Server.Fault = null;
        await AssertRefused(h, client, SyncRefusalReason.TooManyConnectionFailures);
        h.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.True((await client.RunAsync(Accounts)).IsSuccess);
    }

    [Fact]
    public async Task Changed_customization_requires_a_full_sync_which_migrates_the_schema()
    {
        await using var h = new SyncHarness();
        h.Seed("account", 3);
        var client = h.Client();
        await client.RunFullSyncAsync();
        h.Server.CustomizationVersion = "2.0";

        await AssertRefused(h, client, SyncRefusalReason.FullSyncRequired);

        var full = await client.RunFullSyncAsync();
        Assert.True(full.IsSuccess);
        Assert.True(full.Entities.Single(e => e.Entity == "account").FullDownload);
        Assert.Equal("2.0", h.Query("SELECT value FROM __ss_settings WHERE name = 'customization_version'")[0][0]);
        Assert.True((await client.RunAsync(Accounts)).IsSuccess);
    }

    [Fact]
    public async Task Admin_forced_full_sync_refuses_until_a_full_sync_honoured_it()
    {
        await using var h = new SyncHarness();
        var client = h.Client();
        await client.RunFullSyncAsync();
        h.Server.FullSyncRequired = true;

        await AssertRefused(h, client, SyncRefusalReason.FullSyncRequired);
        Assert.True((await client.RunFullSyncAsync()).IsSuccess);
        Assert.True((await client.RunAsync(Accounts)).IsSuccess);

        // The server lifts the demand, then demands again: SmartSync is refused again.
        h.Server.FullSyncRequired = false;
        Assert.True((await client.RunAsync(Accounts)).IsSuccess);
        h.Server.FullSyncRequired = true;
        await AssertRefused(h, client, SyncRefusalReason.FullSyncRequired);
    }

    [Fact]
    public async Task Minimum_client_version_requires_an_app_update()
    {
        await using var h = new SyncHarness();
        var client = h.Client(clientVersion: new Version(1, 4));
        await client.RunFullSyncAsync();
        h.Server.MinimumClientVersion = "2.0";

        await AssertRefused(h, client, SyncRefusalReason.AppUpdateRequired);
    }

    [Fact]
    public async Task A_database_written_by_a_newer_engine_requires_an_app_update()
    {
        await using var h = new SyncHarness();
        var first = h.Client();
        await first.RunFullSyncAsync();
        await first.DisposeAsync();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + h.DatabasePath + ";Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE __ss_settings SET value = '99' WHERE name = 'store_schema_version'";
            command.ExecuteNonQuery();
        }

        var client = h.Client();
        await AssertRefused(h, client, SyncRefusalReason.AppUpdateRequired);
    }

    [Fact]
    public async Task Incremental_refuses_without_a_cursor_and_on_410()
    {
        await using var h = new SyncHarness();
        h.Seed("account", 5);
        var client = h.Client();
        await client.RunFullSyncAsync();
        var incremental = SyncHarness.Profile("Inc", method: SyncMethod.Incremental, entities: SyncHarness.Entity("account"));
        Assert.True((await client.RunAsync(incremental)).IsSuccess);

        h.Server.ExpireTokens();
        var refused = await client.RunAsync(incremental);
        Assert.Equal(SyncOutcome.Refused, refused.Outcome);
        Assert.Equal(SyncRefusalReason.IncrementalNotPossible, refused.RefusalReason);
        Assert.Contains("'account' needs a full sync", refused.Message);

        var fallback = await client.RunAsync(SyncHarness.Profile("Def", entities: SyncHarness.Entity("account")));
        Assert.True(fallback.IsSuccess);
        Assert.True(fallback.Entities.Single(e => e.Entity == "account").FullDownload);

        h.Query("DELETE FROM __ss_cursor WHERE module = 'download' AND entity = 'account'");
        await AssertRefused(h, client, SyncRefusalReason.IncrementalNotPossible, incremental);
    }
}

/// <summary>A second client on the harness's database, disposed with the scope.</summary>
public sealed class SyncHarnessClientScope(SyncHarness harness) : IAsyncDisposable
{
    public SmartSyncClient Client { get; } = harness.Client();

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
