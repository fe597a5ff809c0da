using System.Linq;
using System.Threading.Tasks;
using SmartSync.Runtime.Tests.Fakes;
using Xunit;

namespace SmartSync.Runtime.Tests;

public sealed class FullSyncTests
{
    [Fact]
    public async Task Full_sync_creates_typed_tables_and_downloads_every_entity()
    {
        await using var h = new SyncHarness();
        h.Seed("account", 60);
        h.Seed("contact", 30);
        h.Seed("task", 45);
        var client = h.Client(pageSize: 20);

        var result = await client.RunFullSyncAsync();

        Assert.Equal(SyncOutcome.Completed, result.Outcome);
        Assert.Null(result.ProfileName);
        await SyncHarness.AssertConverged(h, client, "account", "contact", "task", "lead");
        Assert.Equal(60, result.Entities.Single(e => e.Entity == "account").Downloaded);
        Assert.True(result.Entities.Single(e => e.Entity == "account").FullDownload);
        Assert.All(result.Phases, p => Assert.False(p.Skipped));

        Assert.Equal("wal", h.Query("PRAGMA journal_mode")[0][0]);
        var columns = h.Query("SELECT name, type, pk FROM pragma_table_info('account')").ToDictionary(r => (string)r[0]!, r => ((string)r[1]!, (long)r[2]!));
        Assert.Equal(("TEXT", 1L), columns["accountid"]);
        Assert.Equal(("INTEGER", 0L), columns["numberofemployees"]);
        Assert.Equal(("TEXT", 0L), columns["revenue"]);
        Assert.Contains("__etag", columns.Keys);
        Assert.Contains("__state", columns.Keys);
    }

    [Fact]
    public async Task Second_run_downloads_only_changes_and_applies_deletes()
    {
        await using var h = new SyncHarness();
        var keys = h.Seed("account", 40);
        var client = h.Client(pageSize: 15);
        Assert.True((await client.RunFullSyncAsync()).IsSuccess);

        h.Server.Put("account", keys[3], SyncHarness.Values(SyncHarness.Model.Find("account")!, 3, "v2"));
        h.Server.Delete("account", keys[5]);
        h.Seed("account", 2, start: 100);

        var second = await client.RunFullSyncAsync();

        Assert.Equal(SyncOutcome.Completed, second.Outcome);
        var account = second.Entities.Single(e => e.Entity == "account");
        Assert.False(account.FullDownload);
        Assert.Equal(3, account.Downloaded);
        await SyncHarness.AssertConverged(h, client, "account");
    }

    [Fact]
    public async Task Sync_log_has_header_then_SmartSync_marker_then_phase_lines_without_skipped_ones()
    {
        await using var h = new SyncHarness();
        h.Seed("task", 5);
        var client = h.Client();
        await client.RunFullSyncAsync();
        var profile = SyncHarness.Profile("GetTasks", SyncAction.DownSync, modules: SyncModules.NoEntityImages | SyncModules.NoAttachments, entities: SyncHarness.Entity("task"));

        var result = await client.RunAsync(profile);

        Assert.Equal(SyncOutcome.Completed, result.Outcome);
        var log = (await client.GetSyncLogAsync()).Single();
        Assert.Equal("GetTasks", log.ProfileName);
        Assert.StartsWith("Sync started", log.Lines[0]);
        Assert.StartsWith("Data: local.db", log.Lines[1]);
        Assert.Equal("Organization: Contoso", log.Lines[2]);
        Assert.Equal("User: Jane Doe (user-1)", log.Lines[3]);
        Assert.Equal("<SmartSync name='GetTasks'/>", log.Lines[4]);
        Assert.Contains(log.Lines, l => l.StartsWith("EntityDownload:"));
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("EntityImages:") || l.StartsWith("Attachments:") || l.StartsWith("Upload:"));
        Assert.True(result.Phases.Single(p => p.Phase == "EntityImages").Skipped);

        var fullLog = (await client.GetSyncLogAsync(2)).Last();
        Assert.Null(fullLog.ProfileName);
        Assert.DoesNotContain(fullLog.Lines, l => l.Contains("<SmartSync"));
    }

    [Fact]
    public async Task Progress_reports_phases_and_entities()
    {
        await using var h = new SyncHarness();
        h.Seed("account", 30);
        var client = h.Client(pageSize: 10);
        var reports = new System.Collections.Concurrent.ConcurrentQueue<SyncProgress>();
        var progress = new SynchronousProgress(reports.Enqueue);

        var result = await client.StartFullSync(progress).Completion;

        Assert.True(result.IsSuccess);
        Assert.Contains(reports, r => r.Phase == "EntityDownload" && r.Entity == "account" && r.Items == 30);
        Assert.Contains(reports, r => r.Phase == "Authentication");
        Assert.All(reports, r => Assert.Equal(13, r.PhaseCount));
    }
}

/// <summary>IProgress that reports inline (Progress&lt;T&gt; posts to the thread pool, which would race the asserts).</summary>
public sealed class SynchronousProgress(System.Action<SyncProgress> report) : System.IProgress<SyncProgress>
{
    public void Report(SyncProgress value) => report(value);
}
