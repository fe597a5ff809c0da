using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.ReferenceServer;
using SmartSync.Transport;

namespace SmartSync.ReliabilityTests.Integrity;

/// <summary>
/// A device deletes a record that someone changed on the server after the device last saw it. The delete is
/// conditional on the version the device saw (If-Match), so it never silently wipes the server's edit: the
/// entity's conflict strategy decides, as for an update.
/// </summary>
public sealed class DeleteConflictTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CrmServer Server => fixture.Server;

    private static LoadedProfile Accounts => Device.Profile("Accounts", SyncAction.UpSync, SyncModules.None, "account");

    private async Task<(Device Device, string Key)> DeleteAfterServerEditAsync(ConflictStrategy strategy, string edit)
    {
        var alice = Server.User("alice");
        var device = new Device(Server, alice.Token, new DeviceOptions { ConflictStrategy = strategy });
        await device.FullSyncAsync();
        var key = Server.OwnedKeys("account", alice.Id)[strategy switch { ConflictStrategy.ServerWins => 3, ConflictStrategy.DeviceWins => 4, _ => 5 }];
        await Server.EditRowAsync("account", key, new Dictionary<string, object?> { ["name"] = edit });
        Assert.NotNull(await device.Client.Records.DeleteAsync("account", key));
        return (device, key);
    }

    [Fact]
    public async Task Server_wins_a_delete_of_a_record_changed_on_the_server_and_the_device_gets_the_record_back()
    {
        var (device, key) = await DeleteAfterServerEditAsync(ConflictStrategy.ServerWins, "server edit (server wins)");
        await using var _ = device;

        var result = await device.Client.RunAsync(Accounts);

        Assert.True(result.IsSuccess, result + " " + result.Error);
        var server = await ServerRecords.GetAsync(Server, device.Token, "accounts", key);
        Assert.NotNull(server);
        Assert.Equal("server edit (server wins)", server["name"]);
        Assert.Contains(device.Handler.Requests, r => r.StartsWith("DELETE /odata/accounts(" + key + ")", StringComparison.Ordinal));
        var local = await device.Client.Records.GetAsync("account", key);
        Assert.NotNull(local);
        Assert.Equal("server edit (server wins)", local.Values["name"]);
        Assert.False(local.HasPendingChanges);
        Assert.Empty(device.Snapshot().Outbox);
    }

    [Fact]
    public async Task Manual_turns_a_conflicting_delete_into_a_sync_error_and_the_server_keeps_its_edit()
    {
        var (device, key) = await DeleteAfterServerEditAsync(ConflictStrategy.Manual, "server edit (manual)");
        await using var _ = device;

        Assert.True((await device.Client.RunAsync(Accounts)).IsSuccess);

        Assert.Equal("server edit (manual)", (await ServerRecords.GetAsync(Server, device.Token, "accounts", key))?["name"]);
        var error = Assert.Single(await device.Client.Records.GetSyncErrorsAsync());
        Assert.Equal(("account", key, SyncErrorKind.Conflict), (error.Entity, error.Key, error.Kind));

        // Keeping the device's choice deletes the record after all.
        Assert.True(await device.Client.Records.ResolveSyncErrorAsync(error.Id, ConflictChoice.KeepDevice));
        Assert.True((await device.Client.RunAsync(Accounts)).IsSuccess);
        Assert.Null(await ServerRecords.GetAsync(Server, device.Token, "accounts", key));
        Assert.Empty(device.Snapshot().Outbox);
    }

    [Fact]
    public async Task Device_wins_deletes_the_record_with_a_second_unconditional_delete()
    {
        var (device, key) = await DeleteAfterServerEditAsync(ConflictStrategy.DeviceWins, "server edit (device wins)");
        await using var _ = device;

        Assert.True((await device.Client.RunAsync(Accounts)).IsSuccess);

        Assert.Null(await ServerRecords.GetAsync(Server, device.Token, "accounts", key));
        Assert.Equal(2, device.Handler.Requests.Count(r => r.StartsWith("DELETE /odata/accounts(" + key + ")", StringComparison.Ordinal)));
        Assert.Empty(device.Snapshot().Outbox);
    }

    [Fact]
    public async Task A_delete_of_an_unchanged_record_still_succeeds_and_a_retried_one_is_idempotent()
    {
        var alice = Server.User("alice");
        await using var device = new Device(Server, alice.Token, new DeviceOptions { ConflictStrategy = ConflictStrategy.Manual });
        await device.FullSyncAsync();
        var key = Server.OwnedKeys("account", alice.Id)[6];
        await device.Client.Records.DeleteAsync("account", key);
        device.Handler.Plan = r => r.IsUpload && r.Index == 1 ? new Fault.LoseResponse() : null;
        Assert.False((await device.Client.RunAsync(Accounts)).IsSuccess);
        device.Handler.Plan = null;

        Assert.True((await device.Client.RunAsync(Accounts)).IsSuccess);

        Assert.Null(await ServerRecords.GetAsync(Server, device.Token, "accounts", key));
        Assert.Empty(await device.Client.Records.GetSyncErrorsAsync());
        Assert.Empty(device.Snapshot().Outbox);
    }
}
