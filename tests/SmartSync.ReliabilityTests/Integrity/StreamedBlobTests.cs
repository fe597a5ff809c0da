using System;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.ReferenceServer;
using SmartSync.Server;
using SmartSync.Transport;
using Xunit.Abstractions;

namespace SmartSync.ReliabilityTests.Integrity;

/// <summary>
/// A large attachment streams from the server into its row (docs/reliability.md): the device never holds the whole
/// blob in managed memory, what lands in SQLite is byte-exact, and a connection cut in the middle of the blob leaves
/// no partial row behind.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class StreamedBlobTests(ServerFixture fixture, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    private const int BlobBytes = 128 * 1024 * 1024;

    private CrmServer Server => fixture.Server;

    [Fact]
    public async Task A_128_MB_attachment_arrives_byte_exact_without_the_device_allocating_its_size()
    {
        var alice = Server.User("alice");
        await using var device = new Device(Server, alice.Token);
        await device.FullSyncAsync();
        var id = "big-" + Guid.NewGuid().ToString("N");
        var expected = await SeedAsync(id, alice.Id);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await device.Client.RunAsync(Device.Profile("Blobs", SyncAction.DownSync, SyncModules.None, "account"));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine($"allocated {allocated:N0} managed bytes (client and in-process server) for a {BlobBytes:N0}-byte attachment");

        Assert.True(result.IsSuccess, result + " " + result.Error);
        Assert.Equal(expected, StoredHash(device.DatabasePath, id));
        Assert.True(allocated < 32L * 1024 * 1024, $"the download allocated {allocated:N0} managed bytes for a {BlobBytes:N0}-byte blob");
    }

    [Fact]
    public async Task A_connection_cut_in_the_middle_of_a_large_blob_leaves_no_partial_row_and_the_next_run_completes()
    {
        var bob = Server.User("bob");
        await using var device = new Device(Server, bob.Token);
        await device.FullSyncAsync();
        var id = "cut-" + Guid.NewGuid().ToString("N");
        var expected = await SeedAsync(id, bob.Id, 8 * 1024 * 1024);
        device.Handler.Plan = r => r.Path.StartsWith("/api/blobs/attachments", StringComparison.Ordinal) ? new Fault.CutAfter(3 * 1024 * 1024) : null;

        var cut = await device.Client.RunAsync(Device.Profile("Blobs", SyncAction.DownSync, SyncModules.None, "account"));

        Assert.Equal(SyncOutcome.Failed, cut.Outcome);
        Assert.IsType<TransportUnavailableException>(cut.Error);
        Assert.Contains("GET /api/blobs/attachments/" + id, device.Handler.Requests);
        Assert.Null(StoredHash(device.DatabasePath, id));

        device.Handler.Plan = null;
        var again = await device.Client.RunAsync(Device.Profile("Blobs", SyncAction.DownSync, SyncModules.None, "account"));

        Assert.True(again.IsSuccess, again + " " + again.Error);
        Assert.Equal(expected, StoredHash(device.DatabasePath, id));
    }

    [Fact]
    public async Task A_blob_body_that_ends_short_of_its_announced_length_is_not_stored()
    {
        var bob = Server.User("bob");
        await using var device = new Device(Server, bob.Token);
        await device.FullSyncAsync();
        var id = "short-" + Guid.NewGuid().ToString("N");
        var expected = await SeedAsync(id, bob.Id, 64 * 1024);

        // The body ends cleanly after 1 KB (no connection error): only the announced length tells it is short.
        device.Handler.Plan = r => r.Path == "/api/blobs/attachments/" + id ? new Fault.Body(() => new System.IO.MemoryStream(new byte[1024])) : null;
        var shortRun = await device.Client.RunAsync(Device.Profile("Blobs", SyncAction.DownSync, SyncModules.None, "account"));

        Assert.Equal(SyncOutcome.Failed, shortRun.Outcome);
        Assert.Null(StoredHash(device.DatabasePath, id));

        device.Handler.Plan = null;
        var again = await device.Client.RunAsync(Device.Profile("Blobs", SyncAction.DownSync, SyncModules.None, "account"));
        Assert.True(again.IsSuccess, again + " " + again.Error);
        Assert.Equal(expected, StoredHash(device.DatabasePath, id));
    }

    /// <summary>Attaches a blob of pseudo-random bytes to one of the user's accounts and returns its SHA-256.</summary>
    private async Task<string> SeedAsync(string id, string userId, int size = BlobBytes)
    {
        var content = new byte[size];
        new Random(size).NextBytes(content);
        var key = Server.OwnedKeys("account", userId)[0];
        Assert.True(await Server.Backend.AddBlobAsync(SyncBlobKind.Attachment, id, "account", key, "big.bin", "application/octet-stream", content));
        return Convert.ToHexString(SHA256.HashData(content));
    }

    /// <summary>The SHA-256 of the attachment's content as the device's SQLite file holds it, read in chunks; null when there is no row.</summary>
    private static string? StoredHash(string databasePath, string id)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT rowid FROM __ss_blob WHERE kind = 1 AND id = $id";
        command.Parameters.AddWithValue("$id", id);
        if (command.ExecuteScalar() is not long rowid)
        {
            return null;
        }

        using var blob = new SqliteBlob(connection, "__ss_blob", "content", rowid, readOnly: true);
        return Convert.ToHexString(SHA256.HashData(blob));
    }
}
