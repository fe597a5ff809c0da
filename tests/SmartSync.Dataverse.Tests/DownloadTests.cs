using System;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Dataverse.Tests.Emulator;
using SmartSync.Dataverse.Tests.Infrastructure;

namespace SmartSync.Dataverse.Tests;

/// <summary>Full sync and SmartSync downloads through DataverseSyncTransport: change tracking, paging, deletions, fallbacks.</summary>
public sealed class DownloadTests
{
    [Fact]
    public async Task Full_sync_downloads_what_the_user_may_read_with_change_tracking_and_paging()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, emulator.Alice);

        var result = await device.FullSyncAsync();

        // Basic read depth: alice's rows only, never bob's.
        Assert.Equal(seed.AliceAccounts.ToHashSet(), await device.KeysAsync("account"));
        Assert.Equal(seed.AliceContacts.ToHashSet(), await device.KeysAsync("contact"));
        Assert.Equal(seed.AliceTasks.ToHashSet(), await device.KeysAsync("task"));
        Assert.Equal(seed.AliceVisits.ToHashSet(), await device.KeysAsync("new_visit"));
        var account = await device.Client.Records.GetAsync("account", seed.AliceAccounts[1].ToString());
        Assert.Equal("Account 1", account!.Values["name"]);
        Assert.Equal(1001.25m, decimal.Parse((string)account.Values["revenue"]!, System.Globalization.CultureInfo.InvariantCulture));
        var contact = await device.Client.Records.GetAsync("contact", seed.AliceContacts[0].ToString());
        Assert.Equal(seed.AliceAccounts[0].ToString(), contact!.Values["_parentcustomerid_value"]);

        var requests = emulator.Requests;
        var accountReads = requests.Where(r => r.Method == "GET" && r.Target.StartsWith(DataverseEmulator.ApiPath + "accounts?", StringComparison.Ordinal)).ToList();
        var images = accountReads.Where(r => r.Target.Contains("entityimage", StringComparison.Ordinal)).ToList();
        var download = accountReads.Except(images).Where(r => !r.Target.StartsWith(DataverseEmulator.ApiPath + "accounts?$select=accountid&", StringComparison.Ordinal)
            && r.Target != DataverseEmulator.ApiPath + "accounts?$select=accountid").ToList();
        Assert.Equal(2, download.Count); // 5 rows, 3 a page: the second page follows the nextLink
        Assert.All(download, r => Assert.Equal("odata.track-changes,odata.maxpagesize=3", r.Prefer));
        Assert.Contains("$skiptoken=", download[1].Target, StringComparison.Ordinal);

        // A first full sync into empty tables walks no keys: every row came from this run (docs/runtime.md).
        Assert.Empty(accountReads.Except(download).Except(images));
        Assert.All(requests, r => Assert.NotEqual(401, r.Status));
        Assert.DoesNotContain(download, r => r.Target.Contains("entityimage", StringComparison.Ordinal)); // images are a phase of their own

        // A table without change tracking is read in full without asking for it.
        var visitReads = requests.Where(r => r.Target.StartsWith(DataverseEmulator.ApiPath + "new_visits?", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(visitReads);
        Assert.All(visitReads, r => Assert.Equal("odata.maxpagesize=3", r.Prefer));

        var log = await device.LastLogAsync();
        Assert.Contains("Organization: Contoso (Dataverse emulator)", log);
        Assert.Contains("User: Alice Adams (" + emulator.Alice.Id + ")", log);
        Assert.Contains(log, l => l.StartsWith("SyncDeletes skipped: Dataverse has no separate delete log", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("Exchange skipped: ", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("SharedRecords skipped: ", StringComparison.Ordinal));
        Assert.Contains(result.Phases, p => p.Phase == "Documents" && p.Skipped);
        Assert.Contains(result.Phases, p => p.Phase == "EntityDownload" && !p.Skipped);

        // The next full sync's cleanup walks the keys: the keys only, paged the same way.
        emulator.ClearRequests();
        await device.FullSyncAsync();
        var keyWalk = emulator.Requests
            .Where(r => r.Method == "GET" && (r.Target.StartsWith(DataverseEmulator.ApiPath + "accounts?$select=accountid&", StringComparison.Ordinal)
                || r.Target == DataverseEmulator.ApiPath + "accounts?$select=accountid"))
            .ToList();
        Assert.Equal(2, keyWalk.Count);
        Assert.All(keyWalk, r => Assert.Equal("odata.maxpagesize=3", r.Prefer));
    }

    [Fact]
    public async Task SmartSync_brings_only_changes_and_applies_deletedEntity_rows_in_the_same_page()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, emulator.Alice);
        await device.FullSyncAsync();

        var edited = seed.AliceAccounts[0];
        var deleted = seed.AliceAccounts[1];
        var neverHeld = Guid.NewGuid();
        emulator.Put("account", edited, emulator.Alice.Id, ("name", "Renamed in Dataverse"));
        emulator.Remove("account", deleted);
        emulator.Put("account", neverHeld, emulator.Alice.Id, ("name", "Short-lived"));
        emulator.Remove("account", neverHeld);
        var sentBefore = emulator.RecordsSent("account");
        emulator.ClearRequests();

        var result = await device.Client.RunAsync(DataverseDevice.Profile("Accounts", SyncAction.DownSync, SyncModules.NoCleanup, SyncMethod.Default, "account"));

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal(1, emulator.RecordsSent("account") - sentBefore);
        Assert.Equal("Renamed in Dataverse", (await device.Client.Records.GetAsync("account", edited.ToString()))!.Values["name"]);
        var local = await device.KeysAsync("account");
        Assert.DoesNotContain(deleted, local);
        Assert.DoesNotContain(neverHeld, local);
        Assert.Equal(seed.AliceAccounts.Count - 1, local.Count);
        var entity = Assert.Single(result.Entities, e => e.Entity == "account");
        Assert.False(entity.FullDownload);
        Assert.Equal(1, entity.Deleted);
        var delta = Assert.Single(emulator.Requests, r => r.Target.Contains("$deltatoken=", StringComparison.Ordinal) && !r.Target.Contains("entityimage", StringComparison.Ordinal));
        Assert.Equal(200, delta.Status);
    }

    [Fact]
    public async Task An_expired_delta_token_downloads_the_table_again_or_refuses_an_incremental_profile()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, emulator.Alice);
        await device.FullSyncAsync();
        emulator.ExpireDeltaTokens();
        emulator.Put("account", seed.AliceAccounts[2], emulator.Alice.Id, ("name", "Changed while the token expired"));
        var accounts = DataverseDevice.Profile("Accounts", SyncAction.DownSync, SyncModules.None, SyncMethod.Default, "account");
        var strict = DataverseDevice.Profile("Strict", SyncAction.DownSync, SyncModules.None, SyncMethod.Incremental, "account");

        // SyncMethod Default: the table is downloaded in full again.
        var sentBefore = emulator.RecordsSent("account");
        var result = await device.Client.RunAsync(accounts);
        Assert.True(result.IsSuccess, result.Message);
        Assert.Contains(emulator.Requests, r => r.Status == 400 && r.Target.Contains("$deltatoken=", StringComparison.Ordinal));
        Assert.Equal(seed.AliceAccounts.Count, emulator.RecordsSent("account") - sentBefore);
        Assert.True(Assert.Single(result.Entities, e => e.Entity == "account").FullDownload);
        Assert.Equal("Changed while the token expired", (await device.Client.Records.GetAsync("account", seed.AliceAccounts[2].ToString()))!.Values["name"]);
        Assert.Contains(await device.LastLogAsync(), l => l.StartsWith("Cursor of account expired", StringComparison.Ordinal));

        // SyncMethod Incremental never falls back to a full download: a typed refusal naming the table, recorded with
        // its log; no row lost.
        emulator.ExpireDeltaTokens();
        emulator.ClearRequests();
        var incremental = await device.Client.RunAsync(strict);
        Assert.Equal(SyncOutcome.Refused, incremental.Outcome);
        Assert.Equal(SyncRefusalReason.IncrementalNotPossible, incremental.RefusalReason);
        Assert.Contains("'account' needs a full sync", incremental.Message, StringComparison.Ordinal);
        Assert.Contains(emulator.Requests, r => r.Status == 400 && r.Target.Contains("$deltatoken=", StringComparison.Ordinal));
        Assert.Contains(await device.LastLogAsync(), l => l.Contains("account needs a full sync", StringComparison.Ordinal));
        Assert.Equal(seed.AliceAccounts.ToHashSet(), await device.KeysAsync("account"));

        // The next Incremental run is refused before it sends anything for the table; a Default run reads it in full.
        emulator.ClearRequests();
        var again = await device.Client.RunAsync(strict);
        Assert.Equal(SyncRefusalReason.IncrementalNotPossible, again.RefusalReason);
        Assert.DoesNotContain(emulator.Requests, r => r.Target.Contains("accounts", StringComparison.Ordinal));
        var recovered = await device.Client.RunAsync(accounts);
        Assert.True(recovered.IsSuccess, recovered.Message);
        Assert.True(Assert.Single(recovered.Entities, e => e.Entity == "account").FullDownload);
        Assert.Equal(seed.AliceAccounts.ToHashSet(), await device.KeysAsync("account"));
    }

    [Fact]
    public async Task Revoked_access_is_cleaned_up_by_the_key_walk()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, emulator.Alice);
        await device.FullSyncAsync();

        // Reassigned to bob: alice may no longer read it, and her delta does not mention it.
        var reassigned = seed.AliceAccounts[3];
        emulator.Put("account", reassigned, emulator.Alice.Id, ("_ownerid_value", emulator.Bob.Id));

        var result = await device.Client.RunAsync(DataverseDevice.Profile("Accounts", SyncAction.DownSync, SyncModules.None, SyncMethod.Default, "account"));

        Assert.True(result.IsSuccess, result.Message);
        Assert.DoesNotContain(reassigned, await device.KeysAsync("account"));
        Assert.Contains("Cleanup account: 1 record(s) no longer visible", await device.LastLogAsync());
        Assert.NotNull(emulator.Row("account", reassigned)); // still on the server, just not visible
    }

    [Fact]
    public async Task A_table_without_change_tracking_is_read_in_full_each_run_and_deletions_leave_through_cleanup()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, emulator.Alice);
        await device.FullSyncAsync();
        var added = Guid.NewGuid();
        emulator.Put("new_visit", added, emulator.Alice.Id, ("new_name", "Added later"));
        emulator.Remove("new_visit", seed.AliceVisits[0]);
        emulator.ClearRequests();

        var result = await device.Client.RunAsync(DataverseDevice.Profile("Visits", SyncAction.DownSync, SyncModules.None, SyncMethod.Default, "new_visit"));

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal(new[] { seed.AliceVisits[1], added }.ToHashSet(), await device.KeysAsync("new_visit"));
        Assert.DoesNotContain(emulator.Requests, r => r.Target.Contains("/new_visits", StringComparison.Ordinal) && r.Prefer?.Contains("track-changes", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_customization_moves_the_metadata_hash_so_SmartSync_waits_for_a_full_sync()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, emulator.Alice);
        await device.FullSyncAsync();
        emulator.ExtraColumn = "new_rating";

        var refused = await device.Client.RunAsync(DataverseDevice.Profile("Accounts", SyncAction.DownSync, SyncModules.None, SyncMethod.Default, "account"));
        Assert.Equal(SyncOutcome.Refused, refused.Outcome);
        Assert.Equal(SyncRefusalReason.FullSyncRequired, refused.RefusalReason);

        await device.FullSyncAsync();
        var again = await device.Client.RunAsync(DataverseDevice.Profile("Accounts", SyncAction.DownSync, SyncModules.None, SyncMethod.Default, "account"));
        Assert.True(again.IsSuccess, again.Message);
    }

    [Fact]
    public async Task A_download_cut_off_mid_page_commits_nothing_of_that_page_and_resumes_from_the_stored_nextLink()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        using var handler = new BreakPageHandler(r => r.RequestUri!.Query.Contains("$skiptoken=", StringComparison.Ordinal) && r.RequestUri.AbsolutePath.EndsWith("/accounts", StringComparison.Ordinal));
        await using var device = new DataverseDevice(emulator, () => emulator.Alice.Token, handler: handler);

        var cut = await device.Client.RunFullSyncAsync();

        Assert.Equal(SyncOutcome.Failed, cut.Outcome);
        Assert.Equal(3, (await device.KeysAsync("account")).Count); // the first page only: nothing of the broken one
        emulator.ClearRequests();

        var resumed = await device.Client.RunFullSyncAsync();

        Assert.True(resumed.IsSuccess, resumed.Message);
        Assert.Equal(seed.AliceAccounts.ToHashSet(), await device.KeysAsync("account"));
        var reads = emulator.Requests.Where(r => r.Target.StartsWith(DataverseEmulator.ApiPath + "accounts?$select=accountid%2Cname", StringComparison.Ordinal)).ToList();
        Assert.Equal(200, reads[0].Status);
        Assert.Contains("$skiptoken=", reads[0].Target, StringComparison.Ordinal); // resumed from the stored link, not from the start
    }
}
