using System.Linq;
using System.Threading.Tasks;
using SmartSync.Runtime.Tests.Fakes;
using SmartSync.Transport;
using Xunit;

namespace SmartSync.Runtime.Tests;

public sealed class ModuleTests
{
    private static readonly string[] AllPhases =
    [
        "Authentication", "CustomizationCheck", "Preparation", "Upload", "RemoteConflicts", "EntityDownload", "SyncDeletes",
        "SharedRecords", "EntityImages", "Attachments", "Documents", "Cleanup", "Exchange",
    ];

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
    public async Task The_result_lists_every_phase_in_order_and_reports_the_skipped_one(SyncModules flag, string phase)
    {
        await using var h = new SyncHarness();
        h.Seed("account", 3);
        var client = h.Client();
        Assert.True((await client.RunFullSyncAsync()).IsSuccess);

        var result = await client.RunAsync(SyncHarness.Profile("P", modules: flag, entities: SyncHarness.Entity("account")));

        Assert.Equal(SyncOutcome.Completed, result.Outcome);
        Assert.Equal(AllPhases, result.Phases.Select(p => p.Phase));
        Assert.Equal(new[] { phase }, result.Phases.Where(p => p.Skipped).Select(p => p.Phase));
    }

    // Which phases run for each flag and SyncAction is asserted from the server's side (requests per endpoint) in
    // tests/SmartSync.ReliabilityTests/Modules/ModuleRequestTests; this class keeps what only the engine can show.

    [Fact]
    public async Task Skipped_sync_deletes_keep_their_cursor_and_a_later_run_catches_up()
    {
        await using var h = new SyncHarness();
        var accounts = h.Seed("account", 5);
        h.Seed("task", 2);
        var client = h.Client();
        await client.RunFullSyncAsync();
        h.Server.Delete("account", accounts[0]);
        h.Server.Delete("account", accounts[1]);

        // A profile for tasks only: account rows go only through the delete log.
        var skipped = await client.RunAsync(SyncHarness.Profile("Tasks", modules: SyncModules.NoSyncDeletes, entities: SyncHarness.Entity("task")));
        Assert.True(skipped.IsSuccess);
        Assert.NotNull(await client.Records.GetAsync("account", accounts[0]));

        var caughtUp = await client.RunAsync(SyncHarness.Profile("Tasks2", entities: SyncHarness.Entity("task")));
        Assert.Equal(2, caughtUp.Phases.Single(p => p.Phase == "SyncDeletes").Items);
        Assert.Null(await client.Records.GetAsync("account", accounts[0]));
        Assert.Null(await client.Records.GetAsync("account", accounts[1]));
        await SyncHarness.AssertConverged(h, client, "account");
    }

    [Fact]
    public async Task Optional_phases_store_shared_records_blobs_and_mail()
    {
        await using var h = new SyncHarness();
        h.Seed("account", 4);
        var shared = h.Seed("account", 3, start: 50, shared: true);
        h.Server.AddBlob(BlobKind.EntityImage, "img1", "account", shared[0], new byte[] { 1, 2, 3 });
        h.Server.AddBlob(BlobKind.Attachment, "att1", "account", shared[0], new byte[] { 4 });
        h.Server.AddBlob(BlobKind.Document, "doc1", "account", shared[0], new byte[] { 5, 6 });
        h.Server.AddMail("m1", "hello");
        h.Server.AddMail("m2", "again");
        var client = h.Client(pageSize: 2);

        var result = await client.RunFullSyncAsync();

        Assert.True(result.IsSuccess);
        Assert.Equal(3, result.Phases.Single(p => p.Phase == "SharedRecords").Items);
        Assert.Equal(1, result.Phases.Single(p => p.Phase == "EntityImages").Items);
        Assert.Equal(2, result.Phases.Single(p => p.Phase == "Exchange").Items);
        Assert.Equal(7, (await client.Records.QueryAsync("account")).Count);
        Assert.Equal(3, h.Scalar("SELECT COUNT(*) FROM __ss_blob"));
        Assert.Equal(new byte[] { 5, 6 }, (byte[])h.Query("SELECT content FROM __ss_blob WHERE id = 'doc1'")[0][0]!);
        Assert.Equal(2, h.Scalar("SELECT COUNT(*) FROM __ss_mail"));
        Assert.Equal(SyncHarness.Model.SyncableEntities.Count(), h.Scalar("SELECT COUNT(*) FROM __ss_permission"));

        h.Server.AddMail("m3", "third");
        var again = await client.RunFullSyncAsync();
        Assert.Equal(1, again.Phases.Single(p => p.Phase == "Exchange").Items);
        Assert.Equal(0, again.Phases.Single(p => p.Phase == "EntityImages").Items);
    }
}
