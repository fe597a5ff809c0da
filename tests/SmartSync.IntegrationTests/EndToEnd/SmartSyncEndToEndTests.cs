using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.IntegrationTests.Infrastructure;
using SmartSync.ReferenceServer;

namespace SmartSync.IntegrationTests.EndToEnd;

/// <summary>The engine over the HTTP transport against the reference server: real SQLite on both sides.</summary>
public sealed class SmartSyncEndToEndTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] AllPhases =
    [
        "Authentication", "CustomizationCheck", "Preparation", "Upload", "RemoteConflicts", "EntityDownload", "SyncDeletes",
        "SharedRecords", "EntityImages", "Attachments", "Documents", "Cleanup", "Exchange",
    ];

    private CrmServer Server => fixture.Server;

    [Fact]
    public async Task Full_sync_brings_owned_and_shared_records_then_SmartSync_brings_only_changes()
    {
        var alice = Server.User("alice");
        await using var device = new Device(Server, alice.Token);
        var full = await device.FullSyncAsync();
        Assert.Contains(full.Phases, p => p.Phase == "EntityImages" && p.Items > 0);
        Assert.Contains(full.Phases, p => p.Phase == "Exchange" && p.Items > 0);

        var owned = Server.OwnedKeys("account", alice.Id, 10_000);
        var local = await device.KeysAsync("account");
        Assert.Subset(local, owned.ToHashSet());
        Assert.True(local.Count > owned.Count, "shared accounts are on the device too");

        var edited = owned[4];
        await Server.EditRowAsync("account", edited, new Dictionary<string, object?> { ["name"] = "Renamed on the server" });
        await Server.EditRowAsync("account", owned[5], new Dictionary<string, object?> { ["telephone1"] = "+1 555 0000" });
        var before = Server.Counters.RecordsSentFor("account");

        var result = await device.Client.RunAsync(Device.Profile("Accounts", SyncAction.DownSync, SyncModules.None, "account"));

        Assert.Equal(SyncOutcome.Completed, result.Outcome);
        Assert.Equal(2, Server.Counters.RecordsSentFor("account") - before);
        Assert.Equal("Renamed on the server", (await device.Client.Records.GetAsync("account", edited))!.Values["name"]);
        Assert.False(Assert.Single(result.Entities, e => e.Entity == "account").FullDownload);
    }

    [Theory]
    [InlineData(SyncModules.NoPreparation, "Preparation")]
    [InlineData(SyncModules.NoRemoteConflicts, "RemoteConflicts")]
    [InlineData(SyncModules.NoSyncDeletes, "SyncDeletes")]
    [InlineData(SyncModules.NoEntityImages, "EntityImages")]
    [InlineData(SyncModules.NoSyncShared, "SharedRecords")]
    [InlineData(SyncModules.NoDocuments, "Documents")]
    [InlineData(SyncModules.NoAttachments, "Attachments")]
    [InlineData(SyncModules.NoExchange, "Exchange")]
    [InlineData(SyncModules.NoCleanup, "Cleanup")]
    public async Task Each_module_flag_skips_its_phase_against_the_real_server(SyncModules flag, string phase)
    {
        await using var device = new Device(Server, Server.User("bob").Token);
        await device.FullSyncAsync();

        var result = await device.Client.RunAsync(Device.Profile("P", SyncAction.UpDownSync, flag, "contact"));

        Assert.Equal(SyncOutcome.Completed, result.Outcome);
        Assert.Equal(AllPhases, result.Phases.Select(p => p.Phase));
        Assert.Equal([phase], result.Phases.Where(p => p.Skipped).Select(p => p.Phase));
    }

    [Fact]
    public async Task Deletes_skipped_with_NoSyncDeletes_are_caught_up_later()
    {
        var bob = Server.User("bob");
        await using var device = new Device(Server, bob.Token);
        await device.FullSyncAsync();
        var key = Server.OwnedKeys("incident", bob.Id)[1];
        Assert.Contains(key, await device.KeysAsync("incident"));
        await Server.DeleteRowAsync("incident", key);

        var skipped = await device.Client.RunAsync(Device.Profile("NoDeletes", SyncAction.DownSync, SyncModules.NoSyncDeletes | SyncModules.NoCleanup, "incident"));
        Assert.Equal(SyncOutcome.Completed, skipped.Outcome);
        Assert.Contains(key, await device.KeysAsync("incident"));

        var caughtUp = await device.Client.RunAsync(Device.Profile("Deletes", SyncAction.DownSync, SyncModules.NoCleanup, "incident"));
        Assert.Equal(SyncOutcome.Completed, caughtUp.Outcome);
        Assert.DoesNotContain(key, await device.KeysAsync("incident"));
    }

    [Fact]
    public async Task Shared_records_arrive_with_the_shared_phase_and_leave_after_unsharing()
    {
        var alice = Server.User("alice");
        var carol = Server.User("carol");
        await using var device = new Device(Server, carol.Token);
        await device.FullSyncAsync();
        var key = Server.OwnedKeys("lead", alice.Id)[2];
        Assert.DoesNotContain(key, await device.KeysAsync("lead"));

        await Server.ShareAsync("lead", key, carol.Id);
        var withoutShared = await device.Client.RunAsync(Device.Profile("NoShared", SyncAction.DownSync, SyncModules.NoSyncShared, "lead"));
        Assert.Equal(SyncOutcome.Completed, withoutShared.Outcome);
        Assert.DoesNotContain(key, await device.KeysAsync("lead"));

        var shared = await device.Client.RunAsync(Device.Profile("Shared", SyncAction.DownSync, SyncModules.None, "lead"));
        Assert.Equal(SyncOutcome.Completed, shared.Outcome);
        Assert.Contains(key, await device.KeysAsync("lead"));

        await Server.UnshareAsync("lead", key, carol.Id);
        var after = await device.Client.RunAsync(Device.Profile("Shared", SyncAction.DownSync, SyncModules.None, "lead"));
        Assert.Equal(SyncOutcome.Completed, after.Outcome);
        Assert.DoesNotContain(key, await device.KeysAsync("lead"));
    }

    [Fact]
    public async Task SmartSync_cleanup_asks_for_no_keys_while_nothing_left_the_users_visibility()
    {
        var alice = Server.User("alice");
        var bob = Server.User("bob");
        var handler = new VisibleKeysPagingHandler();
        await using var device = new Device(Server, alice.Token, new DeviceOptions { Handler = handler });
        var tasks = Device.Profile("Tasks", SyncAction.DownSync, SyncModules.None, "task");
        await device.FullSyncAsync();
        var visible = (await device.KeysAsync("task")).Count;
        Assert.True(visible > 10, "the test needs several key pages of 5");

        // Server edits that hide nothing: the visibility version stays, the cleanup makes no key request at all.
        var owned = Server.OwnedKeys("task", alice.Id);
        await Server.EditRowAsync("task", owned[0], new Dictionary<string, object?> { ["subject"] = "edited, still alice's" });
        Server.Counters.Reset();
        var quiet = await device.Client.RunAsync(tasks);
        Assert.Equal(SyncOutcome.Completed, quiet.Outcome);
        Assert.Equal(0, Server.Counters.VisibleKeyPages);
        Assert.Equal(1, Server.Counters.RecordsSentFor("task"));

        // A synced row the server never listed (tampered in): invisible to the version, caught by the next walk.
        var stale = Guid.NewGuid().ToString("D");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + device.DatabasePath))
        {
            await connection.OpenAsync();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO \"task\" (\"activityid\", \"subject\", \"__state\") VALUES ($k, 'stale', 0)";
            insert.Parameters.AddWithValue("$k", stale);
            await insert.ExecuteNonQueryAsync();
        }

        Server.Counters.Reset();
        Assert.Equal(SyncOutcome.Completed, (await device.Client.RunAsync(tasks)).Outcome);
        Assert.Equal(0, Server.Counters.VisibleKeyPages);
        Assert.Contains(stale, await device.KeysAsync("task"));

        // A reassignment moves alice's visibility version: the delta removes the task, and the cleanup walks the
        // keys (the counts differ because of the stale row), page by page, and removes the stale row too.
        await Server.EditRowAsync("task", owned[1], new Dictionary<string, object?> { ["_ownerid_value"] = bob.Id });
        Server.Counters.Reset();
        handler.Reset();
        var moved = await device.Client.RunAsync(tasks);
        Assert.Equal(SyncOutcome.Completed, moved.Outcome);
        var after = await device.KeysAsync("task");
        Assert.DoesNotContain(owned[1], after);
        Assert.DoesNotContain(stale, after);
        Assert.Equal(visible - 1, after.Count);
        Assert.Equal((visible - 1 + 4) / 5, Server.Counters.VisibleKeyPages);

        // Cleaned up at the new version: quiet again.
        Server.Counters.Reset();
        Assert.Equal(SyncOutcome.Completed, (await device.Client.RunAsync(tasks)).Outcome);
        Assert.Equal(0, Server.Counters.VisibleKeyPages);

        // A full sync always walks.
        Server.Counters.Reset();
        await device.FullSyncAsync();
        Assert.True(Server.Counters.VisibleKeyPages > (visible / 5), $"a full sync walks every key page ({Server.Counters.VisibleKeyPages} requests)");
    }

    [Fact]
    public async Task An_unshare_the_shared_phase_did_not_see_is_removed_by_the_cleanup()
    {
        var alice = Server.User("alice");
        var carol = Server.User("carol");
        await using var device = new Device(Server, carol.Token);
        var key = Server.OwnedKeys("lead", alice.Id)[3];
        await Server.ShareAsync("lead", key, carol.Id);
        await device.FullSyncAsync();
        Assert.Contains(key, await device.KeysAsync("lead"));

        // No shared phase in this profile: only the cleanup can notice that the share is gone.
        var noShared = Device.Profile("LeadsNoShared", SyncAction.DownSync, SyncModules.NoSyncShared, "lead");
        Assert.Equal(SyncOutcome.Completed, (await device.Client.RunAsync(noShared)).Outcome);
        Assert.Contains(key, await device.KeysAsync("lead"));

        await Server.UnshareAsync("lead", key, carol.Id);
        Server.Counters.Reset();
        var result = await device.Client.RunAsync(noShared);
        Assert.Equal(SyncOutcome.Completed, result.Outcome);
        Assert.DoesNotContain(key, await device.KeysAsync("lead"));
        Assert.True(Server.Counters.VisibleKeyPages > 0, "the unshare moved the visibility version, so the cleanup asked for keys");
    }

    [Fact]
    public async Task A_first_full_sync_into_empty_tables_walks_no_keys_and_a_second_one_does()
    {
        await using var device = new Device(Server, Server.User("bob").Token);
        Server.Counters.Reset();
        await device.FullSyncAsync();
        Assert.Equal(0, Server.Counters.VisibleKeyPages);

        Server.Counters.Reset();
        await device.FullSyncAsync();
        Assert.True(Server.Counters.VisibleKeyPages > 0, "a full sync over existing rows walks the keys");
    }

    [Theory]
    [InlineData(ConflictStrategy.ServerWins)]
    [InlineData(ConflictStrategy.DeviceWins)]
    public async Task Upload_conflicts_follow_the_entity_strategy(ConflictStrategy strategy)
    {
        var alice = Server.User("alice");
        await using var device = new Device(Server, alice.Token, new DeviceOptions { ConflictStrategies = new Dictionary<string, ConflictStrategy> { ["contact"] = strategy } });
        await device.FullSyncAsync();
        var key = Server.OwnedKeys("contact", alice.Id)[strategy == ConflictStrategy.ServerWins ? 11 : 12];

        await device.Client.Records.UpsertAsync("contact", key, new Dictionary<string, object?> { ["jobtitle"] = "device " + strategy });
        await Server.EditRowAsync("contact", key, new Dictionary<string, object?> { ["jobtitle"] = "server " + strategy });

        var result = await device.Client.RunAsync(Device.Profile("Contacts", SyncAction.UpDownSync, SyncModules.None, "contact"));

        Assert.Equal(SyncOutcome.Completed, result.Outcome);
        var expected = strategy == ConflictStrategy.ServerWins ? "server " + strategy : "device " + strategy;
        Assert.Equal(expected, (await device.Client.Records.GetAsync("contact", key))!.Values["jobtitle"]);
        using var check = new TransportHandle(Server.BaseAddress, alice.Token);
        var (serverSide, _, _) = await Downloads.AllPagesAsync(check.Transport, Server.Model.Find("contact")!, pageSize: 1000);
        Assert.Equal(expected, serverSide.Upserts[key]["jobtitle"]);
    }

    [Fact]
    public async Task Manual_conflict_blocks_SmartSync_until_resolved_on_the_dashboard()
    {
        var bob = Server.User("bob");
        await using var device = new Device(Server, bob.Token, new DeviceOptions { ConflictStrategies = new Dictionary<string, ConflictStrategy> { ["opportunity"] = ConflictStrategy.Manual } });
        await device.FullSyncAsync();
        var key = Server.OwnedKeys("opportunity", bob.Id)[3];
        await device.Client.Records.UpsertAsync("opportunity", key, new Dictionary<string, object?> { ["stepname"] = "device step" });
        var serverETag = await Server.EditRowAsync("opportunity", key, new Dictionary<string, object?> { ["stepname"] = "server step" });

        var conflicted = await device.Client.RunAsync(Device.Profile("Deals", SyncAction.UpDownSync, SyncModules.None, "opportunity"));
        Assert.Equal(SyncOutcome.Completed, conflicted.Outcome);
        var error = Assert.Single(await device.Client.Records.GetSyncErrorsAsync());

        // The error carries the server's side, so the app can show the difference before the user picks one.
        Assert.Equal(SyncErrorKind.Conflict, error.Kind);
        Assert.Equal("server step", error.ServerValues!["stepname"]);
        Assert.Equal(serverETag, error.ServerVersion);
        var refused = await device.Client.RunAsync(Device.Profile("Deals", SyncAction.UpDownSync, SyncModules.None, "opportunity"));
        Assert.Equal(SyncOutcome.Refused, refused.Outcome);
        Assert.Equal(SyncRefusalReason.UnresolvedSyncErrors, refused.RefusalReason);

        var conflict = Assert.Single(Server.ListConflicts(), c => c.Key == key && c.Status == "open");
        Assert.True(await Server.ResolveConflictAsync(conflict.Id, keepDevice: true));

        // The resolution flows back with the remote conflicts phase (a full sync runs despite the error).
        await device.FullSyncAsync();
        Assert.Empty(await device.Client.Records.GetSyncErrorsAsync());
        Assert.Equal("device step", (await device.Client.Records.GetAsync("opportunity", key))!.Values["stepname"]);
        var unblocked = await device.Client.RunAsync(Device.Profile("Deals", SyncAction.UpDownSync, SyncModules.None, "opportunity"));
        Assert.Equal(SyncOutcome.Completed, unblocked.Outcome);
        Assert.Contains(Server.ListConflicts(), c => c.Id == conflict.Id && c.Acknowledged);
    }

    [Fact]
    public async Task Unauthorized_refuses_SmartSync_with_the_authorization_reason()
    {
        await using var device = new Device(Server, Server.User("carol").Token);
        await device.FullSyncAsync();
        device.Token = "revoked";

        var result = await device.Client.RunAsync(Device.Profile("P", SyncAction.DownSync, SyncModules.None, "account"));
        Assert.NotEqual(SyncOutcome.Completed, result.Outcome);
        var again = await device.Client.RunAsync(Device.Profile("P", SyncAction.DownSync, SyncModules.None, "account"));
        Assert.Equal(SyncOutcome.Refused, again.Outcome);
        Assert.Equal(SyncRefusalReason.AuthorizationRequired, again.RefusalReason);
    }

    [Fact]
    public async Task Customization_change_refuses_SmartSync_until_a_full_sync()
    {
        await using var device = new Device(Server, Server.User("alice").Token);
        await device.FullSyncAsync();
        await Server.BumpCustomizationAsync();

        var refused = await device.Client.RunAsync(Device.Profile("P", SyncAction.DownSync, SyncModules.None, "task"));
        Assert.Equal(SyncOutcome.Refused, refused.Outcome);
        Assert.Equal(SyncRefusalReason.FullSyncRequired, refused.RefusalReason);

        await device.FullSyncAsync();
        Assert.Equal(SyncOutcome.Completed, (await device.Client.RunAsync(Device.Profile("P", SyncAction.DownSync, SyncModules.None, "task"))).Outcome);
    }

    [Fact]
    public async Task Expired_delta_token_recovers_with_a_full_download_of_the_entity()
    {
        var alice = Server.User("alice");
        await using var device = new Device(Server, alice.Token);
        await device.FullSyncAsync();
        await Server.ExpireTokensAsync();
        var key = Server.OwnedKeys("phonecall", alice.Id)[0];
        await Server.EditRowAsync("phonecall", key, new Dictionary<string, object?> { ["subject"] = "after expiry" });

        var result = await device.Client.RunAsync(Device.Profile("Calls", SyncAction.DownSync, SyncModules.None, "phonecall"));

        Assert.Equal(SyncOutcome.Completed, result.Outcome);
        Assert.True(Assert.Single(result.Entities, e => e.Entity == "phonecall").FullDownload);
        Assert.Equal("after expiry", (await device.Client.Records.GetAsync("phonecall", key))!.Values["subject"]);
    }

    [Fact]
    public async Task A_lost_upload_response_is_retried_without_creating_a_duplicate()
    {
        var alice = Server.User("alice");
        var handler = new LoseFirstPatchResponseHandler();
        await using var device = new Device(Server, alice.Token, new DeviceOptions { Handler = handler });
        await device.FullSyncAsync();
        var key = Guid.NewGuid().ToString("D");
        var rowsBefore = Server.CountRows("appointment");
        await device.Client.Records.UpsertAsync("appointment", key, new Dictionary<string, object?> { ["subject"] = "Site visit", ["location"] = "Lisbon" });

        handler.Armed = true;
        var lost = await device.Client.RunAsync(Device.Profile("Visits", SyncAction.UpSync, SyncModules.None, "appointment"));
        Assert.NotEqual(SyncOutcome.Completed, lost.Outcome);
        Assert.Equal(1, handler.Lost);
        Assert.Equal(rowsBefore + 1, Server.CountRows("appointment")); // the server did apply it

        var retried = await device.Client.RunAsync(Device.Profile("Visits", SyncAction.UpSync, SyncModules.None, "appointment"));
        Assert.Equal(SyncOutcome.Completed, retried.Outcome);
        Assert.Equal(rowsBefore + 1, Server.CountRows("appointment"));
        Assert.Equal(0, await device.Client.Records.CountPendingChangesAsync());
    }
}
