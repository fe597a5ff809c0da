using System;
using System.Data.Common;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.Parsing;
using SmartSync.Server.Storage;
using SmartSync.Server.Storage.Providers;
using SmartSync.Server.Tests.Infrastructure;

namespace SmartSync.Server.Tests.Storage;

/// <summary>
/// A database written before full-sync demands were counted per device (sync_devices without its demand columns,
/// the demand on the user) opens with the same answers: a device that owed a full sync still owes it, one that
/// had acknowledged does not, and acknowledging clears it.
/// </summary>
public sealed class DeviceStateMigrationTests
{
    private const string User = "00000000-0000-4000-8000-0000000000dd";

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_database_from_before_per_device_demands_keeps_each_devices_answer(string provider)
    {
        await using var database = provider == "postgres" ? await PostgresTestDatabase.CreateAsync() : null;
        var folder = Path.Combine(Path.GetTempPath(), "smartsync-migration", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            IStorageProvider Provider() => database is null
                ? new SqliteStorageProvider(Path.Combine(folder, "server.db"))
                : new PostgresStorageProvider(database.ConnectionString);

            var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "crm.csdl"));
            var model = CsdlParser.Parse(text, "crm.csdl").Model!;
            var old = new CrmStore(Provider(), model, text);
            await old.InitializeAsync(CancellationToken.None);
            await old.EnsureDeviceAsync(User, "dana", "owes", CancellationToken.None);
            await old.EnsureDeviceAsync(User, "dana", "done", CancellationToken.None);

            // Back to the old shape: the demand counter on the user, each device's acknowledgement of it.
            await using (var connection = await old.OpenAsync(CancellationToken.None))
            {
                foreach (var sql in new[]
                {
                    "ALTER TABLE sync_devices DROP COLUMN full_sync_demand",
                    "ALTER TABLE sync_devices DROP COLUMN full_sync_seen",
                    $"UPDATE sync_users SET full_sync_demand = 1 WHERE id = '{User}'",
                    $"UPDATE sync_devices SET full_sync_ack = 1 WHERE user_id = '{User}' AND device_id = 'done'",
                })
                {
                    await CrmStore.ExecuteAsync(connection, sql, null, CancellationToken.None);
                }
            }

            var migrated = new CrmStore(Provider(), model, text);
            await migrated.InitializeAsync(CancellationToken.None);
            var visible = UserVisibility.Default(User);
            Assert.True((await migrated.WhoAmIAsync(visible, "owes", CancellationToken.None)).FullSyncRequired);
            Assert.False((await migrated.WhoAmIAsync(visible, "done", CancellationToken.None)).FullSyncRequired);
            await migrated.AcknowledgeFullSyncAsync(User, "owes", CancellationToken.None);
            Assert.False((await migrated.WhoAmIAsync(visible, "owes", CancellationToken.None)).FullSyncRequired);

            // Opening it again changes nothing (the migration runs once).
            var reopened = new CrmStore(Provider(), model, text);
            await reopened.InitializeAsync(CancellationToken.None);
            Assert.False((await reopened.WhoAmIAsync(visible, "owes", CancellationToken.None)).FullSyncRequired);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
