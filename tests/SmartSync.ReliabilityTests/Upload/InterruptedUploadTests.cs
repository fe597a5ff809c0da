using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.ReferenceServer;

namespace SmartSync.ReliabilityTests.Upload;

/// <summary>
/// Matrix item 2: uploads interrupted after the server applied a change (lost response, 500 after applying) or
/// before it did (500, reset), at several points of the batch. The retry leaves exactly one server row per local
/// record, every local edit (including ones made while the network was down) on the server, and the outbox
/// order kept per entity.
/// </summary>
public sealed class InterruptedUploadTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CrmServer Server => fixture.Server;

    public static TheoryData<string, int> Faults => new()
    {
        { "lost response", 1 }, { "lost response", 4 }, { "lost response", 8 },
        { "applied then 500", 2 }, { "applied then 500", 7 },
        { "500", 3 }, { "500", 6 },
        { "reset", 5 },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Retry_after_an_interrupted_upload_gives_one_server_row_per_record_and_loses_no_edit(string kind, int failAt)
    {
        var alice = Server.User("alice");
        await using var device = new Device(Server, alice.Token);
        await device.FullSyncAsync();
        var tasksBefore = Server.CountRows("task");
        var accountsBefore = Server.CountRows("account");

        // Six new tasks, two edited accounts, one deleted contact: nine changes, in this local order.
        var created = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid().ToString("D")).ToList();
        foreach (var (key, i) in created.Select((k, i) => (k, i)))
        {
            await device.Client.Records.UpsertAsync("task", key, new Dictionary<string, object?> { ["subject"] = $"task {i} v1" });
        }

        var accounts = Server.OwnedKeys("account", alice.Id);
        await device.Client.Records.UpsertAsync("account", accounts[0], new Dictionary<string, object?> { ["name"] = "device edit A" });
        await device.Client.Records.UpsertAsync("account", accounts[2], new Dictionary<string, object?> { ["name"] = "device edit B" });
        var deleted = Server.OwnedKeys("contact", alice.Id)[3];
        await device.Client.Records.DeleteAsync("contact", deleted);

        device.Handler.Plan = r => r.IsUpload && r.Index == failAt ? kind switch
        {
            "lost response" => new Fault.LoseResponse(),
            "applied then 500" => new Fault.ApplyThenFail(500),
            "500" => new Fault.Status(500),
            _ => new Fault.Reset(),
        } : null;
        var profile = Device.Profile("Upload", SyncAction.UpSync, SyncModules.None, "account", "contact", "task");
        var failed = await device.Client.RunAsync(profile);
        Assert.Equal(SyncOutcome.Failed, failed.Outcome);
        Assert.NotNull(failed.Error);
        device.Handler.Plan = null;

        // The user keeps working while the network is down: edits of a task that may or may not be on the server.
        await device.Client.Records.UpsertAsync("task", created[0], new Dictionary<string, object?> { ["subject"] = "task 0 v2" });
        await device.Client.Records.UpsertAsync("task", created[5], new Dictionary<string, object?> { ["subject"] = "task 5 v2" });

        var retried = await device.Client.RunAsync(profile);
        Assert.True(retried.IsSuccess, retried + " " + retried.Error);
        Assert.Equal(0, await device.Client.Records.CountPendingChangesAsync());
        Assert.Empty(device.Snapshot().Outbox);

        // Exactly one server row per local record: six more tasks, no more accounts, the contact gone.
        Assert.Equal(tasksBefore + 6, Server.CountRows("task"));
        Assert.Equal(accountsBefore, Server.CountRows("account"));
        Assert.DoesNotContain(deleted, Server.OwnedKeys("contact", alice.Id, 10_000));

        // Every created task went on the wire (at least once; a lost response means twice, still one row).
        var taskUploads = device.Handler.Requests
            .Where(r => r.StartsWith("PATCH /odata/tasks(", StringComparison.Ordinal))
            .Select(r => r[(r.IndexOf('(', StringComparison.Ordinal) + 1)..r.IndexOf(')', StringComparison.Ordinal)])
            .ToHashSet(StringComparer.Ordinal);
        Assert.Subset(taskUploads, created.ToHashSet(StringComparer.Ordinal));

        // Outbox order: the tasks first went on the wire in the order the app created them.
        var firstSent = device.Handler.Requests
            .Where(r => r.StartsWith("PATCH /odata/tasks(", StringComparison.Ordinal))
            .Select(r => r[(r.IndexOf('(', StringComparison.Ordinal) + 1)..r.IndexOf(')', StringComparison.Ordinal)])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(created, firstSent);

        // Nothing lost: a second device of the same user downloads exactly what this device holds.
        await device.FullSyncAsync();
        await using var other = new Device(Server, alice.Token);
        await other.FullSyncAsync();
        foreach (var entity in new[] { "task", "account", "contact" })
        {
            // Every column, including the values the server filled in on create (the owner).
            Assert.Equal(other.Snapshot().Rows(entity), device.Snapshot().Rows(entity));
        }

        Assert.Contains("'task 0 v2'", other.Snapshot().Rows("task")[created[0]], StringComparison.Ordinal);
        Assert.Contains("'task 5 v2'", other.Snapshot().Rows("task")[created[5]], StringComparison.Ordinal);
        Assert.Contains("'task 3 v1'", other.Snapshot().Rows("task")[created[3]], StringComparison.Ordinal);

        Assert.Contains("'device edit B'", other.Snapshot().Rows("account")[accounts[2]], StringComparison.Ordinal);
    }
}
