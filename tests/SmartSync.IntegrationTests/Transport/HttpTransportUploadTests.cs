using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;
using SmartSync.IntegrationTests.Infrastructure;
using SmartSync.ReferenceServer;
using SmartSync.Transport;

namespace SmartSync.IntegrationTests.Transport;

/// <summary>Uploads: idempotent upserts and deletes, If-Match conflicts, the dashboard's resolutions, permissions.</summary>
public sealed class HttpTransportUploadTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CrmServer Server => fixture.Server;

    private EntityTypeDefinition Entity(string name) => Server.Model.Find(name)!;

    private static UploadChange Upsert(string key, Dictionary<string, object?> values, string? ifMatch = null, long sequence = 1) =>
        new(key, UploadOperation.Upsert, values, ifMatch, sequence);

    [Fact]
    public async Task A_retried_create_is_not_a_duplicate_and_deletes_are_idempotent()
    {
        using var handle = new TransportHandle(Server.BaseAddress, Server.User("alice").Token);
        var task = Entity("task");
        var key = Guid.NewGuid().ToString("D");
        var values = new Dictionary<string, object?> { ["subject"] = "Call back", ["percentcomplete"] = 10, ["scheduledstart"] = new DateTimeOffset(2026, 1, 2, 9, 0, 0, TimeSpan.Zero) };
        var rowsBefore = Server.CountRows("task");

        var first = Assert.Single(await handle.Transport.UploadAsync(task, [Upsert(key, values)], CancellationToken.None));
        Assert.Equal(UploadStatus.Applied, first.Status);
        Assert.NotNull(first.ETag);

        // The response was "lost": the device sends the same create again.
        var retried = Assert.Single(await handle.Transport.UploadAsync(task, [Upsert(key, values)], CancellationToken.None));
        Assert.Equal(UploadStatus.Applied, retried.Status);
        Assert.Equal(first.ETag, retried.ETag);
        Assert.Equal(rowsBefore + 1, Server.CountRows("task"));

        // An update applied twice with the ETag of before the first attempt is still a success, not a conflict.
        var update = new Dictionary<string, object?> { ["subject"] = "Call back tomorrow" };
        var updated = Assert.Single(await handle.Transport.UploadAsync(task, [Upsert(key, update, first.ETag)], CancellationToken.None));
        var again = Assert.Single(await handle.Transport.UploadAsync(task, [Upsert(key, update, first.ETag)], CancellationToken.None));
        Assert.Equal(UploadStatus.Applied, updated.Status);
        Assert.Equal(UploadStatus.Applied, again.Status);
        Assert.Equal(updated.ETag, again.ETag);

        var delete = new UploadChange(key, UploadOperation.Delete, new Dictionary<string, object?>(), null, 3);
        var outcomes = await handle.Transport.UploadAsync(task, [delete, delete], CancellationToken.None);
        Assert.All(outcomes, o => Assert.Equal(UploadStatus.Applied, o.Status));
        Assert.Equal(rowsBefore, Server.CountRows("task"));
    }

    [Fact]
    public async Task Stale_if_match_is_a_conflict_resolved_on_the_dashboard()
    {
        var alice = Server.User("alice");
        using var handle = new TransportHandle(Server.BaseAddress, alice.Token);
        var account = Entity("account");
        var (download, _, _) = await Downloads.AllPagesAsync(handle.Transport, account, pageSize: 1000);
        var key = Server.OwnedKeys("account", alice.Id)[5];
        var deviceETag = download.ETags[key];

        var serverETag = await Server.EditRowAsync("account", key, new Dictionary<string, object?> { ["name"] = "Changed on the server" });
        var outcome = Assert.Single(await handle.Transport.UploadAsync(
            account, [Upsert(key, new Dictionary<string, object?> { ["name"] = "Changed on the device" }, deviceETag)], CancellationToken.None));

        Assert.Equal(UploadStatus.Conflict, outcome.Status);
        Assert.Equal(serverETag, outcome.ETag);
        Assert.Equal("Changed on the server", outcome.ServerValues!["name"]);

        var conflict = Assert.Single(Server.ListConflicts(), c => c.Key == key && c.Status == "open");
        Assert.Equal(alice.Id, conflict.UserId);
        Assert.Empty(await handle.Transport.GetConflictResolutionsAsync(CancellationToken.None));

        Assert.True(await Server.ResolveConflictAsync(conflict.Id, keepDevice: true));
        var resolution = Assert.Single(await handle.Transport.GetConflictResolutionsAsync(CancellationToken.None));
        Assert.Equal(ConflictChoice.KeepDevice, resolution.Choice);
        Assert.Equal(key, resolution.Key);
        Assert.Equal("account", resolution.Entity);
        Assert.Equal("Changed on the device", resolution.Values!["name"]);

        await handle.Transport.AcknowledgeConflictResolutionAsync(resolution.Id, CancellationToken.None);
        Assert.Empty(await handle.Transport.GetConflictResolutionsAsync(CancellationToken.None));
        Assert.Contains(Server.ListConflicts(), c => c.Id == conflict.Id && c.Acknowledged && c.Choice == "KeepDevice");

        // Another user cannot acknowledge (or see) alice's resolutions.
        using var bob = new TransportHandle(Server.BaseAddress, Server.User("bob").Token);
        await Assert.ThrowsAsync<ServerErrorException>(() => bob.Transport.AcknowledgeConflictResolutionAsync(resolution.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Keep_server_resolution_reports_the_server_values()
    {
        var alice = Server.User("alice");
        using var handle = new TransportHandle(Server.BaseAddress, alice.Token);
        var contact = Entity("contact");
        var key = Server.OwnedKeys("contact", alice.Id)[7];
        await Server.EditRowAsync("contact", key, new Dictionary<string, object?> { ["jobtitle"] = "CEO" });
        var outcome = Assert.Single(await handle.Transport.UploadAsync(
            contact, [Upsert(key, new Dictionary<string, object?> { ["jobtitle"] = "Intern" }, "W/\"1\"")], CancellationToken.None));
        Assert.Equal(UploadStatus.Conflict, outcome.Status);

        var conflict = Assert.Single(Server.ListConflicts(), c => c.Key == key);
        Assert.True(await Server.ResolveConflictAsync(conflict.Id, keepDevice: false));
        var resolution = Assert.Single(await handle.Transport.GetConflictResolutionsAsync(CancellationToken.None), r => r.Key == key);
        Assert.Equal(ConflictChoice.KeepServer, resolution.Choice);
        Assert.Equal("CEO", resolution.Values!["jobtitle"]);
        await handle.Transport.AcknowledgeConflictResolutionAsync(resolution.Id, CancellationToken.None);
    }

    [Fact]
    public async Task Refused_changes_are_rejected_not_thrown()
    {
        var carol = Server.User("carol");
        using var handle = new TransportHandle(Server.BaseAddress, carol.Token);
        var account = Entity("account");
        var mine = Server.OwnedKeys("account", carol.Id)[2];
        var alicesUnshared = Server.OwnedKeys("account", Server.User("alice").Id)[1];
        var rowsBefore = Server.CountRows("account");

        var outcomes = await handle.Transport.UploadAsync(
            account,
            [
                new UploadChange(mine, UploadOperation.Delete, new Dictionary<string, object?>(), null, 1),            // no delete permission
                Upsert(alicesUnshared, new Dictionary<string, object?> { ["name"] = "hijack" }, "W/\"1\"", 2),       // not visible
                Upsert(Guid.NewGuid().ToString("D"), new Dictionary<string, object?> { ["nosuchattribute"] = 1 }, null, 3), // unknown attribute
                Upsert(Guid.NewGuid().ToString("D"), new Dictionary<string, object?> { ["numberofemployees"] = "many" }, null, 4), // wrong type
            ],
            CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal(UploadStatus.Rejected, o.Status));
        Assert.All(outcomes, o => Assert.False(string.IsNullOrEmpty(o.Error)));
        Assert.Equal(rowsBefore, Server.CountRows("account"));
        Assert.Contains(Server.OwnedKeys("account", carol.Id), k => k == mine);
    }
}
