using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Runtime.Tests.Fakes;
using SmartSync.Transport;
using Xunit;

namespace SmartSync.Runtime.Tests;

public sealed class ConflictTests
{
    private static readonly LoadedProfile Accounts = SyncHarness.Profile("Accounts", entities: SyncHarness.Entity("account"));

    private static async Task<(SyncHarness H, SmartSyncClient Client, string Key)> ConflictAsync(ConflictStrategy strategy)
    {
        var h = new SyncHarness();
        var key = h.Seed("account", 3)[1];
        var client = h.Client(strategies: new Dictionary<string, ConflictStrategy> { ["account"] = strategy });
        Assert.True((await client.RunFullSyncAsync()).IsSuccess);
        await client.Records.UpsertAsync("account", key, new Dictionary<string, object?> { ["name"] = "device", ["numberofemployees"] = 7 });
        h.Server.Put("account", key, new Dictionary<string, object?> { ["name"] = "server" });
        return (h, client, key);
    }

    [Fact]
    public async Task Server_wins_replaces_the_local_change()
    {
        var (h, client, key) = await ConflictAsync(ConflictStrategy.ServerWins);
        await using var _ = h;

        var result = await client.RunAsync(Accounts);

        Assert.True(result.IsSuccess);
        Assert.Equal("server", h.Server.Value("account", key, "name"));
        var local = (await client.Records.GetAsync("account", key))!;
        Assert.Equal("server", local.Values["name"]);
        Assert.False(local.HasPendingChanges);
        Assert.Equal(0, await client.Records.CountPendingChangesAsync());
        await SyncHarness.AssertConverged(h, client, "account");
    }

    [Fact]
    public async Task Device_wins_overwrites_the_server_row()
    {
        var (h, client, key) = await ConflictAsync(ConflictStrategy.DeviceWins);
        await using var _ = h;

        var result = await client.RunAsync(Accounts);

        Assert.True(result.IsSuccess);
        Assert.Equal("device", h.Server.Value("account", key, "name"));
        Assert.Equal(7L, h.Server.Value("account", key, "numberofemployees"));
        Assert.Equal(UploadChange.AnyVersion, h.Server.ReceivedUploads[^1].IfMatch);
        Assert.Equal(0, await client.Records.CountPendingChangesAsync());
        await SyncHarness.AssertConverged(h, client, "account");
    }

    [Fact]
    public async Task Manual_records_a_sync_error_and_keep_device_resolution_uploads_without_if_match()
    {
        var (h, client, key) = await ConflictAsync(ConflictStrategy.Manual);
        await using var _ = h;

        Assert.True((await client.RunAsync(Accounts)).IsSuccess);
        var error = Assert.Single(await client.Records.GetSyncErrorsAsync());
        Assert.Equal(("account", key, SyncErrorKind.Conflict), (error.Entity, error.Key, error.Kind));
        Assert.Equal("server", error.ServerValues!["name"]); // enough for the app to show the difference
        Assert.False(string.IsNullOrEmpty(error.ServerVersion));
        Assert.Equal("server", h.Server.Value("account", key, "name"));
        Assert.Equal("device", (await client.Records.GetAsync("account", key))!.Values["name"]);
        Assert.Equal(SyncRefusalReason.UnresolvedSyncErrors, (await client.RunAsync(Accounts)).RefusalReason);

        Assert.True(await client.Records.ResolveSyncErrorAsync(error.Id, ConflictChoice.KeepDevice));
        Assert.True((await client.RunAsync(Accounts)).IsSuccess);
        Assert.Equal("device", h.Server.Value("account", key, "name"));
        await SyncHarness.AssertConverged(h, client, "account");
    }

    [Fact]
    public async Task Manual_conflict_resolved_on_the_server_dashboard_through_remote_conflicts()
    {
        var (h, client, key) = await ConflictAsync(ConflictStrategy.Manual);
        await using var _ = h;
        Assert.True((await client.RunAsync(Accounts)).IsSuccess);
        h.Server.AddResolution(new ConflictResolution("r1", "account", key, ConflictChoice.KeepServer, new Dictionary<string, object?> { ["name"] = "server" }));

        // SmartSync is blocked; the full sync runs the remote-conflicts phase.
        var full = await client.RunFullSyncAsync();

        Assert.Equal(1, full.Phases.Single(p => p.Phase == "RemoteConflicts").Items);
        Assert.Empty(await client.Records.GetSyncErrorsAsync());
        Assert.Equal(0, h.Server.PendingResolutions);
        Assert.Equal("server", (await client.Records.GetAsync("account", key))!.Values["name"]);
        Assert.True((await client.RunAsync(Accounts)).IsSuccess);
        await SyncHarness.AssertConverged(h, client, "account");
    }

    [Fact]
    public async Task Rejected_changes_become_sync_errors()
    {
        await using var h = new SyncHarness();
        h.Seed("account", 1);
        var client = h.Client();
        await client.RunFullSyncAsync();
        h.Server.ReadOnlyEntities.Add("account");
        await client.Records.UpsertAsync("account", SyncHarness.KeyOf(9, 999), new Dictionary<string, object?> { ["name"] = "new" });

        Assert.True((await client.RunAsync(Accounts)).IsSuccess);

        var error = Assert.Single(await client.Records.GetSyncErrorsAsync());
        Assert.Equal(SyncErrorKind.Rejected, error.Kind);
        Assert.Contains("no permission", error.Message);
    }

    [Fact]
    public async Task Uploads_go_parents_first_and_local_deletes_reach_the_server()
    {
        await using var h = new SyncHarness();
        var existing = h.Seed("account", 2);
        var client = h.Client();
        await client.RunFullSyncAsync();
        var account = SyncHarness.KeyOf(9, 777);
        var opportunity = SyncHarness.KeyOf(13, 777);
        await client.Records.UpsertAsync("opportunity", opportunity, new Dictionary<string, object?> { ["name"] = "deal", ["_customerid_value"] = account });
        await client.Records.UpsertAsync("account", account, new Dictionary<string, object?> { ["name"] = "new customer" });
        await client.Records.DeleteAsync("account", existing[0]);
        Assert.Null(await client.Records.GetAsync("account", existing[0]));

        var result = await client.RunAsync(SyncHarness.Profile("Sales", entities: [SyncHarness.Entity("opportunity"), SyncHarness.Entity("account")]));

        Assert.True(result.IsSuccess);
        var order = h.Server.ReceivedUploads.Select(u => u.Key).ToList();
        Assert.True(order.IndexOf(account) < order.IndexOf(opportunity));
        Assert.Equal("new customer", h.Server.Value("account", account, "name"));
        Assert.DoesNotContain(existing[0], h.Server.Snapshot("account").Keys);
        Assert.Equal(0, await client.Records.CountPendingChangesAsync());
        Assert.Equal(2, result.Entities.Single(e => e.Entity == "account").Uploaded);
        await SyncHarness.AssertConverged(h, client, "account", "opportunity");
    }
}
