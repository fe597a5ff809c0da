using System.Linq;
using System.Threading.Tasks;
using SmartSync.Definitions.Semantics;
using SmartSync.Runtime.Tests.Fakes;
using Xunit;

namespace SmartSync.Runtime.Tests;

public sealed class ExclusionTests
{
    [Fact]
    public async Task Related_expansion_prunes_implicit_global_entities_only()
    {
        await using var h = new SyncHarness();
        var client = h.Client();
        await client.RunFullSyncAsync();

        var related = await client.RunAsync(SyncHarness.Profile("Opp", entities: SyncHarness.Entity("opportunity", withRelated: true)));

        Assert.True(related.IsSuccess);
        Assert.Equal(new[] { "account", "lead", "opportunity" }, related.Entities.Select(e => e.Entity).Order());
        Assert.Equal(new[] { "systemuser", "transactioncurrency" }, related.Pruned.Where(p => p.List == ExclusionList.Global).Select(p => p.Name).Order());

        var deep = await client.RunAsync(SyncHarness.Profile("Deep", entities: SyncHarness.Entity("opportunity", withRelated: true, deep: true)));
        Assert.Equal(new[] { "account", "campaign", "contact", "lead", "opportunity" }, deep.Entities.Select(e => e.Entity).Order());
        Assert.Contains(deep.Pruned, p => p.Name == "industrycode" && p.List == ExclusionList.Global);

        var explicitGlobal = await client.RunAsync(SyncHarness.Profile("Users", entities: SyncHarness.Entity("systemuser")));
        Assert.Equal("systemuser", Assert.Single(explicitGlobal.Entities).Entity);

        var noGlobal = await client.RunAsync(SyncHarness.Profile("NoGlobal", globalExclusions: false, autoExclusions: false, entities: SyncHarness.Entity("opportunity", withRelated: true)));
        Assert.Contains(noGlobal.Entities, e => e.Entity == "systemuser");
        Assert.Empty(noGlobal.Pruned);
    }

    [Fact]
    public async Task Exclude_mode_lists_manual_and_global_pruning()
    {
        await using var h = new SyncHarness();
        var client = h.Client();
        await client.RunFullSyncAsync();

        var result = await client.RunAsync(SyncHarness.Profile("AllButActivities", SyncAction.DownSync, mode: EntitiesMode.Exclude, entities: [SyncHarness.Entity("task"), SyncHarness.Entity("email")]));

        Assert.True(result.IsSuccess);
        Assert.Equal(new[] { "email", "task" }, result.Pruned.Where(p => p.List == ExclusionList.Manual).Select(p => p.Name).Order());
        Assert.Contains(result.Pruned, p => p.Name == "organization" && p.List == ExclusionList.Global);
        Assert.DoesNotContain(result.Entities, e => e.Entity is "task" or "email" or "organization");
        Assert.Contains(result.Entities, e => e.Entity == "account");
    }

    [Fact]
    public async Task Quiet_small_entities_become_auto_excluded_and_a_full_sync_removes_them_when_they_change()
    {
        await using var h = new SyncHarness();
        var campaigns = h.Seed("campaign", 3);
        h.Seed("account", 20);
        var client = h.Client(autoExclusions: new AutoExclusionOptions { MaxLocalRows = 5, QuietDownloads = 2 });
        await client.RunFullSyncAsync();   // brings the rows: not quiet
        await client.RunFullSyncAsync();   // quiet 1
        h.Seed("account", 1, start: 500);  // accounts keep changing
        await client.RunFullSyncAsync();   // quiet 2 -> campaign joins the list

        var report = await client.AnalyzeStorageAsync();
        var campaign = report.Entities.Single(e => e.Entity == "campaign");
        Assert.Equal(ExclusionList.Auto, campaign.Exclusion);
        Assert.Equal("3 local row(s) and no changes in the last 2 download(s)", campaign.ExclusionReason);
        Assert.Null(report.Entities.Single(e => e.Entity == "account").Exclusion);

        var implicitProfile = SyncHarness.Profile("Leads", entities: SyncHarness.Entity("lead", withRelated: true));
        var pruned = await client.RunAsync(implicitProfile);
        Assert.Contains(pruned.Pruned, p => p.Name == "campaign" && p.List == ExclusionList.Auto);
        var explicitProfile = await client.RunAsync(SyncHarness.Profile("Campaigns", entities: SyncHarness.Entity("campaign")));
        Assert.Contains(explicitProfile.Entities, e => e.Entity == "campaign");

        h.Server.Put("campaign", campaigns[0], new System.Collections.Generic.Dictionary<string, object?> { ["name"] = "relaunched" });
        var full = await client.RunFullSyncAsync();
        Assert.True(full.IsSuccess);
        var log = (await client.GetSyncLogAsync()).Single();
        Assert.Contains(log.Lines, l => l.StartsWith("Auto exclusion removed: campaign"));
        Assert.Null((await client.AnalyzeStorageAsync()).Entities.Single(e => e.Entity == "campaign").Exclusion);
    }
}
