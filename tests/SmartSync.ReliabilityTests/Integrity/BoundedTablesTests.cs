using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.ReferenceServer;

namespace SmartSync.ReliabilityTests.Integrity;

/// <summary>
/// Every local table the runtime writes is bounded or shrinks with the data it describes: blobs go with their
/// records, run history, logs and mail have a retention, and the storage report shows the engine's tables with
/// their size in bytes.
/// </summary>
public sealed class BoundedTablesTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CrmServer Server => fixture.Server;

    [Fact]
    public async Task Blobs_of_a_record_the_server_deleted_leave_the_device_with_it()
    {
        var alice = Server.User("alice");
        await using var device = new Device(Server, alice.Token);
        await device.FullSyncAsync();
        var key = Server.OwnedKeys("account", alice.Id).First(k => Scalar(device, "SELECT COUNT(*) FROM __ss_blob WHERE entity = 'account' AND record_key = $k", k) > 0);
        var blobsBefore = Scalar(device, "SELECT COUNT(*) FROM __ss_blob");

        await Server.DeleteRowAsync("account", key);
        var result = await device.Client.RunAsync(Device.Profile("Accounts", SyncAction.UpDownSync, SyncModules.None, "account"));

        Assert.True(result.IsSuccess, result + " " + result.Error);
        Assert.Null(await device.Client.Records.GetAsync("account", key));
        Assert.Equal(0, Scalar(device, "SELECT COUNT(*) FROM __ss_blob WHERE record_key = $k", key));
        Assert.True(Scalar(device, "SELECT COUNT(*) FROM __ss_blob") < blobsBefore);
    }

    [Fact]
    public async Task Run_history_logs_download_history_and_old_mail_are_kept_only_within_their_retention()
    {
        var bob = Server.User("bob");
        await using var device = new Device(Server, bob.Token, new DeviceOptions { Retention = new RetentionOptions { Runs = 3, MailMessages = 2 } });
        await device.FullSyncAsync();
        var profile = Device.Profile("Accounts", SyncAction.UpDownSync, SyncModules.None, "account");
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await device.Client.RunAsync(profile)).IsSuccess);
        }

        Assert.Equal(3, Scalar(device, "SELECT COUNT(*) FROM __ss_history"));
        Assert.Equal(3, Scalar(device, "SELECT COUNT(DISTINCT run_id) FROM __ss_log"));
        Assert.Equal(0, Scalar(device, "SELECT COUNT(*) FROM __ss_log WHERE run_id NOT IN (SELECT run_id FROM __ss_history)"));

        // Download history: the kept runs' rows, plus each entity's last three (the auto-exclusion window needs them).
        Assert.Equal(3, Scalar(device, "SELECT MAX(c) FROM (SELECT COUNT(*) AS c FROM __ss_download_history GROUP BY entity)"));
        Assert.Equal(0, Scalar(device, "SELECT COUNT(*) FROM __ss_download_history WHERE entity = 'account' AND run_id NOT IN (SELECT run_id FROM __ss_history)"));
        Assert.Equal(3, (await device.Client.GetSyncLogAsync(10)).Count);

        // The newest two messages of the user's mailbox stay (the server has more: see the default-retention device).
        Assert.Equal(2, Scalar(device, "SELECT COUNT(*) FROM __ss_mail"));
        await using var unbounded = new Device(Server, bob.Token);
        await unbounded.FullSyncAsync();
        Assert.True(Scalar(unbounded, "SELECT COUNT(*) FROM __ss_mail") > 2);
        using (var kept = new SqliteConnection("Data Source=" + device.DatabasePath + ";Mode=ReadOnly;Pooling=False"))
        using (var all = new SqliteConnection("Data Source=" + unbounded.DatabasePath + ";Mode=ReadOnly;Pooling=False"))
        {
            Assert.Equal(Ids(all, "SELECT id FROM __ss_mail ORDER BY received_at DESC, id DESC LIMIT 2"), Ids(kept, "SELECT id FROM __ss_mail ORDER BY received_at DESC, id DESC"));
        }
    }

    [Fact]
    public async Task The_storage_report_counts_bytes_not_characters_and_shows_the_engines_tables()
    {
        var carol = Server.User("carol");
        await using var device = new Device(Server, carol.Token);
        await device.FullSyncAsync();
        var key = Server.OwnedKeys("account", carol.Id)[0];
        var before = (await device.Client.AnalyzeStorageAsync()).Entities.Single(e => e.Entity == "account").ApproximateBytes;

        // 1,000 characters, 2,000 bytes in UTF-8.
        await device.Client.Records.UpsertAsync("account", key, new Dictionary<string, object?> { ["name"] = new string('é', 1000) });
        var report = await device.Client.AnalyzeStorageAsync();

        // The old name was a few dozen bytes: counting characters would grow by under 1,000.
        Assert.True(report.Entities.Single(e => e.Entity == "account").ApproximateBytes - before >= 1900, "bytes, not characters");
        var blob = Assert.Single(report.EngineTables, t => t.Table == "__ss_blob");
        Assert.Equal(Scalar(device, "SELECT COUNT(*) FROM __ss_blob"), blob.Rows);
        Assert.True(blob.ApproximateBytes >= Scalar(device, "SELECT SUM(LENGTH(content)) FROM __ss_blob"));
        foreach (var table in new[] { "__ss_mail", "__ss_history", "__ss_log", "__ss_download_history", "__ss_outbox" })
        {
            Assert.Contains(report.EngineTables, t => t.Table == table && t.Rows > 0 && t.ApproximateBytes > 0);
        }
    }

    private static List<string> Ids(SqliteConnection connection, string sql)
    {
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static long Scalar(Device device, string sql, string? parameter = null)
    {
        using var connection = new SqliteConnection("Data Source=" + device.DatabasePath + ";Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (parameter is not null)
        {
            command.Parameters.AddWithValue("$k", parameter);
        }

        return command.ExecuteScalar() is long value ? value : 0;
    }
}
