using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.ReferenceServer;
using SmartSync.Transport;

namespace SmartSync.ReliabilityTests.Integrity;

/// <summary>
/// Resolving a sync error leaves the device equal to the side that won. A rejected change carries no server
/// values, so KeepServer has to fetch the server's record: immediately when the server can be reached, else on the
/// next run, and a later incremental download can no longer skip the record as "unchanged".
/// </summary>
public sealed class ConflictResolutionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CrmServer Server => fixture.Server;

    private static LoadedProfile Contacts => Device.Profile("Contacts", SyncAction.UpDownSync, SyncModules.None, "contact");

    /// <summary>Bob may not update contacts: his edit is rejected and becomes a sync error.</summary>
    private async Task<(Device Device, string Key, SyncError Error)> RejectedEditAsync(int index)
    {
        var bob = Server.User("bob");
        var device = new Device(Server, bob.Token);
        await device.FullSyncAsync();
        var key = Server.OwnedKeys("contact", bob.Id)[index];
        await Server.SetPermissionAsync(bob.Id, "contact", canRead: true, canCreate: true, canUpdate: false, canDelete: true);
        try
        {
            await device.Client.Records.UpsertAsync("contact", key, new Dictionary<string, object?> { ["jobtitle"] = "rejected device edit" });
            Assert.True((await device.Client.RunAsync(Contacts)).IsSuccess);
        }
        finally
        {
            await Server.SetPermissionAsync(bob.Id, "contact", canRead: true, canCreate: true, canUpdate: true, canDelete: true);
        }

        var error = Assert.Single(await device.Client.Records.GetSyncErrorsAsync());
        Assert.Equal(("contact", key, SyncErrorKind.Rejected), (error.Entity, error.Key, error.Kind));
        return (device, key, error);
    }

    [Fact]
    public async Task Keep_server_on_a_rejected_change_brings_back_the_servers_record_at_once()
    {
        var (device, key, error) = await RejectedEditAsync(0);
        await using var _ = device;
        var server = (await ServerRecords.GetAsync(Server, device.Token, "contacts", key))!;
        Assert.NotEqual("rejected device edit", server["jobtitle"]);

        Assert.True(await device.Client.Records.ResolveSyncErrorAsync(error.Id, ConflictChoice.KeepServer));

        var local = (await device.Client.Records.GetAsync("contact", key))!;
        Assert.Equal(server["jobtitle"], local.Values["jobtitle"]);
        Assert.Equal(server["@odata.etag"], local.ETag);
        Assert.False(local.HasPendingChanges);
        Assert.Empty(device.Snapshot().Outbox);

        // And the record keeps following the server: its next edit arrives with an incremental run.
        await Server.EditRowAsync("contact", key, new Dictionary<string, object?> { ["jobtitle"] = "server edit after the resolution" });
        Assert.True((await device.Client.RunAsync(Contacts)).IsSuccess);
        Assert.Equal("server edit after the resolution", (await device.Client.Records.GetAsync("contact", key))!.Values["jobtitle"]);
    }

    [Fact]
    public async Task Keep_server_while_offline_is_completed_by_the_next_run()
    {
        var (device, key, error) = await RejectedEditAsync(1);
        await using var _ = device;
        var server = (await ServerRecords.GetAsync(Server, device.Token, "contacts", key))!;

        device.Handler.Plan = _ => new Fault.Refuse();
        Assert.True(await device.Client.Records.ResolveSyncErrorAsync(error.Id, ConflictChoice.KeepServer));
        device.Handler.Plan = null;

        // The device cannot show the server's values yet, but it no longer claims its rejected edit is synced:
        // the next run fetches the record even though the server did not change it since.
        Assert.Empty(await device.Client.Records.GetSyncErrorsAsync());
        Assert.True((await device.Client.RunAsync(Contacts)).IsSuccess);

        var local = (await device.Client.Records.GetAsync("contact", key))!;
        Assert.Equal(server["jobtitle"], local.Values["jobtitle"]);
        Assert.Equal(server["@odata.etag"], local.ETag);
        Assert.False(local.HasPendingChanges);
        Assert.Empty(device.Snapshot().Outbox);
    }

    [Fact]
    public async Task Keep_server_on_a_rejected_create_removes_the_record_the_server_never_had()
    {
        var carol = Server.User("carol");
        await using var device = new Device(Server, carol.Token);
        await device.FullSyncAsync();
        var key = Guid.NewGuid().ToString("D");
        await Server.SetPermissionAsync(carol.Id, "contact", canRead: true, canCreate: false, canUpdate: true, canDelete: true);
        try
        {
            await device.Client.Records.UpsertAsync("contact", key, new Dictionary<string, object?> { ["lastname"] = "never created" });
            Assert.True((await device.Client.RunAsync(Contacts)).IsSuccess);
        }
        finally
        {
            await Server.SetPermissionAsync(carol.Id, "contact", canRead: true, canCreate: true, canUpdate: true, canDelete: true);
        }

        var error = Assert.Single(await device.Client.Records.GetSyncErrorsAsync());
        Assert.True(await device.Client.Records.ResolveSyncErrorAsync(error.Id, ConflictChoice.KeepServer));

        Assert.Null(await device.Client.Records.GetAsync("contact", key));
        Assert.Null(await ServerRecords.GetAsync(Server, device.Token, "contacts", key));
        Assert.Empty(device.Snapshot().Outbox);
    }
}
