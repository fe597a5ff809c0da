using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.ReferenceServer;

namespace SmartSync.ReliabilityTests.Integrity;

/// <summary>
/// A data-model change (the server restarts with a changed <c>$metadata</c>) while the device holds pending edits:
/// every local row and pending edit survives the table rebuild, reaches the server as the edit it was, and a
/// rebuilt table never turns an edit into a server delete.
/// </summary>
public sealed class ModelChangeTests
{
    private static readonly string StockCsdl = Path.Combine(AppContext.BaseDirectory, "crm.csdl");

    [Fact]
    public async Task A_column_type_change_keeps_pending_edits_and_uploads_them_as_edits()
    {
        await using var change = await ModelChange.StartAsync("Edm.Double");
        var server = change.Server;
        var alice = server.User("alice");
        await using var device = new Device(server, alice.Token);
        await device.FullSyncAsync();
        var accounts = server.OwnedKeys("account", alice.Id);
        var accountsBefore = server.CountRows("account");
        var created = Guid.NewGuid().ToString("D");
        await device.Client.Records.UpsertAsync("account", accounts[0], new Dictionary<string, object?> { ["name"] = "edited before the model change", ["numberofemployees"] = 41 });
        await device.Client.Records.UpsertAsync("account", created, new Dictionary<string, object?> { ["name"] = "created before the model change", ["numberofemployees"] = 3 });
        await device.Client.Records.DeleteAsync("account", accounts[1]);
        var untouched = accounts[2];

        // The server comes back on the same address with numberofemployees as a double (INTEGER -> REAL locally).
        server = await change.RestartWithChangedModelAsync();

        await device.FullSyncAsync();

        // Every pending edit reached the server as what it was: an edit, a create, a delete; nothing else was deleted.
        var edited = await ServerRecords.GetAsync(server, alice.Token, "accounts", accounts[0]);
        Assert.NotNull(edited);
        Assert.Equal("edited before the model change", edited["name"]);
        Assert.Equal(41d, double.Parse(edited["numberofemployees"], System.Globalization.CultureInfo.InvariantCulture));
        var added = await ServerRecords.GetAsync(server, alice.Token, "accounts", created);
        Assert.NotNull(added);
        Assert.Equal("created before the model change", added["name"]);
        Assert.Null(await ServerRecords.GetAsync(server, alice.Token, "accounts", accounts[1]));
        Assert.Equal(accountsBefore, server.CountRows("account"));

        // The device kept every row (converted to the new type) and has nothing left to send.
        Assert.Empty(device.Snapshot().Outbox);
        Assert.Empty(await device.Client.Records.GetSyncErrorsAsync());
        var local = (await device.Client.Records.GetAsync("account", accounts[0]))!;
        Assert.Equal(41d, local.Values["numberofemployees"]);
        Assert.False(local.HasPendingChanges);
        var kept = (await device.Client.Records.GetAsync("account", untouched))!;
        Assert.Equal((await ServerRecords.GetAsync(server, alice.Token, "accounts", untouched))!["name"], kept.Values["name"]);
    }

    [Fact]
    public async Task A_pending_value_the_new_type_cannot_hold_becomes_a_sync_error_and_the_row_stays()
    {
        await using var change = await ModelChange.StartAsync("Edm.Boolean");
        var server = change.Server;
        var alice = server.User("alice");
        await using var device = new Device(server, alice.Token);
        await device.FullSyncAsync();
        var key = server.OwnedKeys("account", alice.Id)[0];
        var serverName = (await ServerRecords.GetAsync(server, alice.Token, "accounts", key))!["name"];
        await device.Client.Records.UpsertAsync("account", key, new Dictionary<string, object?> { ["name"] = "kept through the change", ["numberofemployees"] = 41 });

        server = await change.RestartWithChangedModelAsync();
        await device.FullSyncAsync();

        // 41 is no boolean: the edit is reported, not dropped, and not uploaded half-converted.
        var error = Assert.Single(await device.Client.Records.GetSyncErrorsAsync());
        Assert.Equal(("account", key, SyncErrorKind.Migration), (error.Entity, error.Key, error.Kind));
        Assert.Contains("numberofemployees", error.Message, StringComparison.Ordinal);
        Assert.Contains("'41'", error.Message, StringComparison.Ordinal);
        var local = (await device.Client.Records.GetAsync("account", key))!;
        Assert.Equal("kept through the change", local.Values["name"]);
        Assert.True(local.HasPendingChanges);
        Assert.Equal(serverName, (await ServerRecords.GetAsync(server, alice.Token, "accounts", key))!["name"]);

        // The user keeps the device's version: the edit goes up (the cleared value as null).
        Assert.True(await device.Client.Records.ResolveSyncErrorAsync(error.Id, Transport.ConflictChoice.KeepDevice));
        await device.FullSyncAsync();
        Assert.Equal("kept through the change", (await ServerRecords.GetAsync(server, alice.Token, "accounts", key))!["name"]);
        Assert.Empty(device.Snapshot().Outbox);
    }

    [Fact]
    public async Task A_queued_change_whose_row_is_missing_never_becomes_a_server_delete()
    {
        await using var server = await StartAsync(Path.Combine(Device.NewFolder(), "server.db"), StockCsdl, port: 0);
        var alice = server.User("alice");
        await using var device = new Device(server, alice.Token);
        await device.FullSyncAsync();
        var key = server.OwnedKeys("account", alice.Id)[0];
        await device.Client.Records.UpsertAsync("account", key, new Dictionary<string, object?> { ["name"] = "edited" });

        // Whatever removed the row (an old engine's table rebuild did), its queued edit is no delete.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + device.DatabasePath))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM account WHERE accountid = $k";
            command.Parameters.AddWithValue("$k", key);
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var result = await device.Client.RunAsync(Device.Profile("Up", SyncAction.UpSync, SyncModules.None, "account"));

        Assert.True(result.IsSuccess, result + " " + result.Error);
        Assert.NotNull(await ServerRecords.GetAsync(server, alice.Token, "accounts", key));
        Assert.DoesNotContain(device.Handler.Requests, r => r.StartsWith("DELETE ", StringComparison.Ordinal));
        Assert.Empty(device.Snapshot().Outbox);
    }

    /// <summary>
    /// A reference server that starts with the stock model and restarts, on the same address and database, with
    /// <c>account.numberofemployees</c> retyped; disposing it stops whichever server runs last.
    /// </summary>
    private sealed class ModelChange : IAsyncDisposable
    {
        private readonly string _serverDb;
        private readonly string _changedCsdl;

        private ModelChange(string serverDb, string changedCsdl, CrmServer server)
        {
            _serverDb = serverDb;
            _changedCsdl = changedCsdl;
            Server = server;
        }

        public CrmServer Server { get; private set; }

        /// <summary>Writes the changed model (numberofemployees as <paramref name="newType"/>) and starts the server on the stock one.</summary>
        public static async Task<ModelChange> StartAsync(string newType)
        {
            var folder = Device.NewFolder();
            var serverDb = Path.Combine(folder, "server.db");
            var changedCsdl = Path.Combine(folder, "changed.csdl");
            await File.WriteAllTextAsync(changedCsdl, ChangeType(await File.ReadAllTextAsync(StockCsdl), "account", "numberofemployees", "Edm.Int32", newType));
            return new ModelChange(serverDb, changedCsdl, await ModelChangeTests.StartAsync(serverDb, StockCsdl, port: 0));
        }

        /// <summary>Stops the server and starts it again on the same port and database with the changed model.</summary>
        public async Task<CrmServer> RestartWithChangedModelAsync()
        {
            var port = Server.BaseAddress.Port;
            await Server.DisposeAsync();
            Server = await ModelChangeTests.StartAsync(_serverDb, _changedCsdl, port);
            return Server;
        }

        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }

    internal static Task<CrmServer> StartAsync(string databasePath, string csdlPath, int port)
    {
        var options = new CrmServerOptions { DatabasePath = databasePath, CsdlPath = csdlPath, RowsPerEntity = 6, ReferenceRowsPerEntity = 3, Port = port };
        options.RowCounts["account"] = 15;
        return CrmServer.StartAsync(options);
    }

    /// <summary>The CSDL with one property of one entity type retyped.</summary>
    internal static string ChangeType(string csdl, string entity, string property, string from, string to)
    {
        var start = csdl.IndexOf("<EntityType Name=\"" + entity + "\"", StringComparison.Ordinal);
        var end = csdl.IndexOf("</EntityType>", start, StringComparison.Ordinal);
        var old = "<Property Name=\"" + property + "\" Type=\"" + from + "\"";
        var at = csdl.IndexOf(old, start, end - start, StringComparison.Ordinal);
        Assert.True(at > 0, $"{entity}.{property} of type {from} is not in the CSDL");
        return csdl[..at] + "<Property Name=\"" + property + "\" Type=\"" + to + "\"" + csdl[(at + old.Length)..];
    }
}
