using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.ReliabilityTests.ProcessKill;
using SmartSync.ReferenceServer;

namespace SmartSync.ReliabilityTests.Integrity;

/// <summary>
/// One process owns a database file at a time. A second app instance or background agent on the same file gets a
/// typed error naming the file and the owner, and the ownership ends with the owner, even when it is killed.
/// </summary>
public sealed class DatabaseOwnershipTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CrmServer Server => fixture.Server;

    [Fact]
    public async Task A_second_process_on_the_same_database_gets_a_typed_error_naming_the_owner_until_the_owner_is_killed()
    {
        var alice = Server.User("alice");
        var folder = Device.NewFolder();
        var database = Path.Combine(folder, "device.db");

        // The child client opens the database and then waits forever on a server that accepts and never answers.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var silentUri = new Uri("http://127.0.0.1:" + ((IPEndPoint)silent.LocalEndpoint).Port + "/");
        await using var child = ChildClient.Start(silentUri, alice.Token, database, Device.PageSize);
        using var accepted = await silent.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var childPid = child.ProcessId;

        await using (var device = new Device(Server, alice.Token, new DeviceOptions { KeepFolder = true }, folder))
        {
            var refused = await Assert.ThrowsAsync<DatabaseInUseException>(() => device.Client.OpenAsync());
            Assert.Equal(database, refused.DatabasePath);
            Assert.Equal(childPid, refused.OwnerProcessId);
            Assert.Equal(Environment.MachineName, refused.OwnerHost);
            Assert.False(string.IsNullOrEmpty(refused.OwnerProcessName));
            Assert.Contains(database, refused.Message, StringComparison.Ordinal);
            Assert.Contains(childPid.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Message, StringComparison.Ordinal);

            // A run is refused the same way: it fails without touching the file.
            var run = await device.Client.RunFullSyncAsync();
            Assert.Equal(SyncOutcome.Failed, run.Outcome);
            Assert.IsType<DatabaseInUseException>(run.Error);

            // Killed: no clean-up ran, yet the ownership is gone with the process.
            child.Kill();
            await child.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        await using var after = new Device(Server, alice.Token, folder: folder);
        await after.FullSyncAsync();
        Assert.NotEmpty(after.Snapshot().Rows("account"));
    }

    [Fact]
    public async Task Two_clients_in_one_process_do_not_share_a_database_either()
    {
        var alice = Server.User("alice");
        var folder = Device.NewFolder();
        await using var first = new Device(Server, alice.Token, new DeviceOptions { KeepFolder = true }, folder);
        await first.FullSyncAsync();

        await using (var second = new Device(Server, alice.Token, new DeviceOptions { KeepFolder = true }, folder))
        {
            var refused = await Assert.ThrowsAsync<DatabaseInUseException>(() => second.Client.Records.CountPendingChangesAsync());
            Assert.Equal(Environment.ProcessId, refused.OwnerProcessId);
        }

        // The refused client did not take the file away from its owner.
        Assert.True((await first.Client.RunFullSyncAsync()).IsSuccess);
    }
}
