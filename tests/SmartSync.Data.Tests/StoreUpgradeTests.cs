using System.Threading.Tasks;
using Crm;
using Microsoft.Data.Sqlite;
using SmartSync.Data.Tests.Infrastructure;

namespace SmartSync.Data.Tests;

/// <summary>A database written before the row-version column and the lookup indexes keeps working.</summary>
[Collection(ServerCollection.Name)]
public sealed class StoreUpgradeTests(ServerFixture fixture)
{
    [Fact]
    public async Task A_schema_1_database_gains_the_row_version_and_lookup_indexes_when_opened()
    {
        string path;
        long tasks;
        await using (var device = await Device.SyncedAsync(fixture.Server))
        {
            path = device.DatabasePath;
            tasks = await device.Records.Query(TaskRecord.Table).CountAsync();
            await device.Client.DisposeAsync();
            SqliteConnection.ClearAllPools();

            // Make it what the previous engine wrote: no __ver, no lookup index, schema version 1.
            await using (var connection = new SqliteConnection("Data Source=" + path + ";Pooling=False"))
            {
                await connection.OpenAsync();
                using var downgrade = connection.CreateCommand();
                downgrade.CommandText = "DROP INDEX \"__ix_task___regardingobjectid_value\"; ALTER TABLE task DROP COLUMN __ver; DROP TRIGGER \"__ss_blob_task\"; " +
                    "UPDATE __ss_settings SET value = '1' WHERE name = 'store_schema_version'";
                downgrade.ExecuteNonQuery();
                using var check = connection.CreateCommand();
                check.CommandText = "SELECT COUNT(*) FROM pragma_table_info('task') WHERE name = '__ver'";
                Assert.Equal(0L, check.ExecuteScalar());
            }

            using var http = new System.Net.Http.HttpClient();
            var transport = new SmartSync.Transport.Http.HttpSyncTransport(http, new SmartSync.Transport.Http.HttpSyncTransportOptions
            {
                BaseAddress = fixture.Server.BaseAddress,
                AccessTokenProvider = _ => ValueTask.FromResult<string?>(fixture.Server.Users[0].Token),
            });
            await using var reopened = new SmartSyncClient(new SmartSyncClientOptions { DatabasePath = path, Transport = transport });
            var task = await reopened.Records.Query(TaskRecord.Table).OrderBy(t => t.Activityid).FirstOrDefaultAsync();
            Assert.Equal(tasks, await reopened.Records.Query(TaskRecord.Table).CountAsync());
            task!.Subject = "edited after the upgrade";
            await reopened.Records.UpdateAsync(task);
            Assert.Equal("edited after the upgrade", (await reopened.Records.GetAsync(TaskRecord.Table, task.Activityid!.Value))!.Subject);
            await reopened.DisposeAsync();
            SqliteConnection.ClearAllPools();
            await using var inspect = new SqliteConnection("Data Source=" + path + ";Mode=ReadOnly;Pooling=False");
            await inspect.OpenAsync();
            using var index = inspect.CreateCommand();
            index.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = '__ix_task___regardingobjectid_value'";
            Assert.Equal(1L, index.ExecuteScalar());
            using var rowVersion = inspect.CreateCommand();
            rowVersion.CommandText = "SELECT COUNT(*) FROM pragma_table_info('task') WHERE name = '__ver'";
            Assert.Equal(1L, rowVersion.ExecuteScalar());
            using var blobTrigger = inspect.CreateCommand();
            blobTrigger.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = '__ss_blob_task'";
            Assert.Equal(1L, blobTrigger.ExecuteScalar());
            using var version = inspect.CreateCommand();
            version.CommandText = "SELECT value FROM __ss_settings WHERE name = 'store_schema_version'";
            Assert.Equal("2", version.ExecuteScalar());
        }
    }
}
