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
        var download = accountReads.Where(r => !r.Target.StartsWith(DataverseEmulator.ApiPath + "accounts?$select=accountid&", StringComparison.Ordinal)
            && r.Target != DataverseEmulator.ApiPath + "accounts?$select=accountid").ToList();
        Assert.Equal(2, download.Count); // 5 rows, 3 a page: the second page follows the nextLink
        Assert.All(download, r => Assert.Equal("odata.track-changes,odata.maxpagesize=3", r.Prefer));
        Assert.Contains("$skiptoken=", download[1].Target, StringComparison.Ordinal);

        // The cleanup's key walk reads the keys only, paged the same way.
        var keyWalk = accountReads.Except(download).ToList();
        Assert.Equal(2, keyWalk.Count);
        Assert.All(keyWalk, r => Assert.Equal("odata.maxpagesize=3", r.Prefer));
        Assert.All(requests, r => Assert.NotEqual(401, r.Status));
        Assert.DoesNotContain(accountReads, r => r.Target.Contains("entityimage", StringComparison.Ordinal));

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
    }
}
