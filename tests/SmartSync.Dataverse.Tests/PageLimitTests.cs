using System;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Dataverse.Tests.Emulator;
using SmartSync.Dataverse.Tests.Infrastructure;
using SmartSync.Transport;

namespace SmartSync.Dataverse.Tests;

/// <summary>
/// A broken or hostile environment ignores <c>odata.maxpagesize</c> and sends one page of far more rows or bytes than
/// any real page: the transport stops reading at its bound, the run fails with a payload error, no row of that page is
/// stored, and the next normal run completes.
/// </summary>
public sealed class PageLimitTests
{
    private static bool AccountRows(string target) =>
        target.Contains("/accounts?$select=", StringComparison.Ordinal) && target.Contains("name", StringComparison.Ordinal) && !target.Contains("entityimage", StringComparison.Ordinal);

    [Fact]
    public async Task A_page_of_more_rows_than_the_default_bound_fails_the_run_and_stores_none_of_them()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        var counting = new CountingHandler();
        await using var device = new DataverseDevice(emulator, () => emulator.Alice.Token, handler: counting);
        await device.FullSyncAsync();
        var before = await device.KeysAsync("account");

        // 120,000 rows: 24 times Dataverse's largest page, more than twice the default bound of 50,000 rows.
        emulator.Flood = new FloodPage(AccountRows, rows: 120_000, nameBytes: 16);
        var failed = await device.Client.RunAsync(DataverseDevice.Profile("Accounts", SyncAction.DownSync, SyncModules.NoCleanup, SyncMethod.Default, "account"));

        Assert.True(emulator.Flood.Written > 0, "the flood was never asked for");
        Assert.Equal(SyncOutcome.Failed, failed.Outcome);
        var error = Assert.IsType<SyncPayloadException>(failed.Error);
        Assert.Contains("50000 rows", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await device.KeysAsync("account")); // not one row of the page
        Assert.True(
            counting.MostReadFromOneBody > 0 && counting.MostReadFromOneBody < emulator.Flood.Length * 6 / 10,
            $"the transport read {counting.MostReadFromOneBody:N0} bytes of a {emulator.Flood.Length:N0}-byte page");

        emulator.Flood = null;
        var again = await device.Client.RunAsync(DataverseDevice.Profile("Accounts", SyncAction.DownSync, SyncModules.NoCleanup, SyncMethod.Default, "account"));
        Assert.True(again.IsSuccess, again.Message + " " + again.Error);
        Assert.Equal(seed.AliceAccounts.ToHashSet(), await device.KeysAsync("account"));
    }

    [Fact]
    public async Task A_page_of_more_bytes_than_MaxPageBytes_is_not_read_past_the_bound()
    {
        const long bound = 1024 * 1024;
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        var counting = new CountingHandler();
        await using var device = new DataverseDevice(emulator, () => emulator.Alice.Token, handler: counting, configure: o => o.MaxPageBytes = bound);
        await device.FullSyncAsync();

        // 2,000 rows (under the row bound) of 8 KB each: 16 MB.
        emulator.Flood = new FloodPage(AccountRows, rows: 2_000, nameBytes: 8 * 1024);
        var failed = await device.Client.RunAsync(DataverseDevice.Profile("Accounts", SyncAction.DownSync, SyncModules.NoCleanup, SyncMethod.Default, "account"));

        Assert.Equal(SyncOutcome.Failed, failed.Outcome);
        var error = Assert.IsType<SyncPayloadException>(failed.Error);
        Assert.Contains("MaxPageBytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(seed.AliceAccounts.ToHashSet(), await device.KeysAsync("account"));
        Assert.True(counting.MostReadFromOneBody > 0 && counting.MostReadFromOneBody <= 2 * bound, $"the transport read {counting.MostReadFromOneBody:N0} bytes of a {emulator.Flood.Length:N0}-byte page");
    }
}
