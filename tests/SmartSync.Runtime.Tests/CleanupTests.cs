using System.Linq;
using System.Threading.Tasks;
using SmartSync.Runtime.Tests.Fakes;
using Xunit;

namespace SmartSync.Runtime.Tests;

public sealed class CleanupTests
{
    [Fact]
    public async Task Cleanup_removes_rows_no_longer_visible_and_skipping_it_builds_debt()
    {
        await using var h = new SyncHarness();
        var keys = h.Seed("account", 10);
        var client = h.Client(cleanupDebtLimit: 10);
        await client.RunFullSyncAsync();
        h.Server.HideSilently("account", keys[2]);
        var skipping = SyncHarness.Profile("NoClean", modules: SyncModules.NoCleanup, entities: SyncHarness.Entity("account"));

        Assert.True((await client.RunAsync(skipping)).IsSuccess);
        Assert.True((await client.RunAsync(skipping)).IsSuccess);
        Assert.NotNull(await client.Records.GetAsync("account", keys[2]));
        Assert.Equal(2, (await client.AnalyzeStorageAsync()).CleanupDebt);

        var cleaning = await client.RunAsync(SyncHarness.Profile("Clean", entities: SyncHarness.Entity("account")));

        Assert.Equal(1, cleaning.Phases.Single(p => p.Phase == "Cleanup").Items);
        Assert.Null(await client.Records.GetAsync("account", keys[2]));
        Assert.Equal(0, (await client.AnalyzeStorageAsync()).CleanupDebt);
        await SyncHarness.AssertConverged(h, client, "account");
    }

    [Fact]
    public async Task Cleanup_is_forced_once_the_debt_reaches_the_limit()
    {
        await using var h = new SyncHarness();
        var keys = h.Seed("account", 5);
        var client = h.Client(cleanupDebtLimit: 2);
        await client.RunFullSyncAsync();
        h.Server.HideSilently("account", keys[0]);
        var skipping = SyncHarness.Profile("Core", modules: SyncModules.OnlyCoreModules, entities: SyncHarness.Entity("account"));

        var first = await client.RunAsync(skipping);
        var second = await client.RunAsync(skipping);
        Assert.True(first.Phases.Single(p => p.Phase == "Cleanup").Skipped);
        Assert.True(second.Phases.Single(p => p.Phase == "Cleanup").Skipped);

        var forced = await client.RunAsync(skipping);

        Assert.False(forced.Phases.Single(p => p.Phase == "Cleanup").Skipped);
        Assert.Null(await client.Records.GetAsync("account", keys[0]));
        Assert.Contains((await client.GetSyncLogAsync()).Single().Lines, l => l.StartsWith("Cleanup forced"));
        Assert.Equal(0, (await client.AnalyzeStorageAsync()).CleanupDebt);
    }

    [Fact]
    public async Task Cleanup_keeps_rows_with_local_changes()
    {
        await using var h = new SyncHarness();
        var keys = h.Seed("account", 3);
        var client = h.Client();
        await client.RunFullSyncAsync();
        h.Server.HideSilently("account", keys[1]);
        await client.Records.UpsertAsync("account", keys[1], new System.Collections.Generic.Dictionary<string, object?> { ["name"] = "mine" });

        await client.RunAsync(SyncHarness.Profile("Down", SyncAction.DownSync, entities: SyncHarness.Entity("account")));

        Assert.Equal("mine", (await client.Records.GetAsync("account", keys[1]))!.Values["name"]);
    }
}
