using System.Linq;
using System.Threading.Tasks;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;
using SmartSync.Runtime.Tests.Fakes;
using Xunit;

namespace SmartSync.Runtime.Tests;

/// <summary>The app's tables (docs/smartsync-xml.md): the local schema, full sync and Exclude profiles stay inside them.</summary>
public sealed class AppEntitiesSyncTests
{
    [Fact]
    public async Task Full_sync_creates_and_downloads_only_the_apps_tables_and_an_Exclude_profile_stays_inside_them()
    {
        await using var h = new SyncHarness();
        h.Seed("account", 12);
        h.Seed("contact", 8);
        h.Seed("task", 5);
        var allButTasks = new LoadedProfile(new ProfileSpec(
            "AllButTasks", null, SyncAction.DownSync, SyncMethod.Default, false, false, SyncModules.None, EntitiesMode.Exclude,
            EquatableArray.Create(new EntitySpec("task", false, false))));
        var catalog = new SmartSyncCatalog([allButTasks], [], EquatableArray<ExcludedEntity>.Empty, EquatableArray.Create("account", "task"));
        var client = h.Client(catalog: catalog);

        var full = await client.RunFullSyncAsync();
        var exclude = await client.RunAsync(allButTasks);

        Assert.Equal(SyncOutcome.Completed, full.Outcome);
        Assert.Equal(["account", "task"], full.Entities.Select(e => e.Entity).OrderBy(n => n));
        var tables = h.Query("SELECT name FROM sqlite_master WHERE type = 'table'").Select(r => (string)r[0]!).ToList();
        Assert.Contains("account", tables);
        Assert.Contains("task", tables);
        Assert.DoesNotContain("contact", tables);
        Assert.DoesNotContain("systemuser", tables);
        Assert.Equal(12, h.Scalar("SELECT COUNT(*) FROM account"));
        Assert.Equal(5, h.Scalar("SELECT COUNT(*) FROM task"));
        Assert.Equal(SyncOutcome.Completed, exclude.Outcome);
        Assert.Equal(["account"], exclude.Entities.Select(e => e.Entity));
    }
}
