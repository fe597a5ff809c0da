using System;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;
using SmartSync.Runtime.Tests.Fakes;
using Xunit;

namespace SmartSync.Runtime.Tests;

public sealed class StorageAnalyzerTests
{
    [Fact]
    public async Task Report_lists_rows_bytes_freshness_profiles_and_exclusions()
    {
        await using var h = new SyncHarness();
        var catalog = new SmartSyncCatalog(
            [
                SyncHarness.Profile("Sales", entities: SyncHarness.Entity("opportunity", withRelated: true)),
                SyncHarness.Profile("Accounts", entities: SyncHarness.Entity("account")),
            ],
            [],
            EquatableArray<ExcludedEntity>.Empty);
        h.Seed("account", 12);
        h.Seed("task", 3);
        var client = h.Client(cleanupDebtLimit: 4, catalog: catalog);
        await client.RunFullSyncAsync();
        var downloadedAt = h.Time.GetUtcNow();
        await client.RunAsync(client.Catalog.Find("Accounts")!);
        h.Time.Advance(TimeSpan.FromMinutes(30));
        await client.RunAsync(SyncHarness.Profile("Core", modules: SyncModules.NoCleanup, entities: SyncHarness.Entity("task")));

        var report = await client.AnalyzeStorageAsync();

        Assert.Equal(SyncHarness.Model.SyncableEntities.Count(), report.Entities.Count);
        var account = report.Entities.Single(e => e.Entity == "account");
        Assert.Equal(12, account.Rows);
        Assert.True(account.ApproximateBytes > 12 * 36, "keys alone take 36 bytes each");
        Assert.Equal(downloadedAt, account.LastDownload);
        Assert.Equal(TimeSpan.FromMinutes(30), account.Freshness);
        Assert.Equal(new[] { "Sales", "Accounts" }, account.Profiles);
        Assert.Null(account.Exclusion);

        var user = report.Entities.Single(e => e.Entity == "systemuser");
        Assert.Equal(ExclusionList.Global, user.Exclusion);
        Assert.StartsWith("stable", user.ExclusionReason);
        Assert.Empty(user.Profiles);

        Assert.Equal(TimeSpan.Zero, report.Entities.Single(e => e.Entity == "task").Freshness);
        Assert.Equal(1, report.CleanupDebt);
        Assert.Equal(4, report.CleanupDebtLimit);
    }
}
