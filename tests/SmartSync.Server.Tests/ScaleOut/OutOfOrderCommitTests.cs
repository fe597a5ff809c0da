using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.ReferenceServer;
using SmartSync.Server.Storage;
using SmartSync.Server.Storage.Providers;
using SmartSync.Server.Tests.Conformance;
using SmartSync.Server.Tests.Infrastructure;

namespace SmartSync.Server.Tests.ScaleOut;

/// <summary>
/// Sequence values are not commit order: writer A takes version n, writer B takes n+1 and commits first. A reader
/// that handed out a cursor at n+1 would never send A's row. The watermark (docs/server.md) holds cursors below
/// every version still in flight, so the delta after A commits brings A's row.
/// </summary>
public sealed class OutOfOrderCommitTests
{
    [SkippableFact]
    public async Task A_row_that_commits_after_a_higher_version_is_still_delivered_by_the_next_delta()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var options = ServerFixture.Small();
        options.PostgresConnectionString = database.ConnectionString;
        await using var server = await CrmServer.StartAsync(options);
        var alice = server.User("alice");
        using var client = Http.Client(server, alice.Token);
        var (_, deltaLink) = await ProtocolConformanceTests.DownloadAsync(client, "odata/accounts", 500);

        // Two writers on two connections, as two server nodes would be.
        var provider = new PostgresStorageProvider(database.ConnectionString);
        var keyA = Guid.NewGuid().ToString("D");
        var keyB = Guid.NewGuid().ToString("D");
        await using var writerA = await provider.BeginWriteAsync(1, CancellationToken.None);
        var versionA = await writerA.Versions.NextAsync(CancellationToken.None);
        Insert(writerA, keyA, alice.Id, versionA);
        long versionB;
        await using (var writerB = await provider.BeginWriteAsync(1, CancellationToken.None))
        {
            versionB = await writerB.Versions.NextAsync(CancellationToken.None);
            Insert(writerB, keyB, alice.Id, versionB);
            await writerB.CommitAsync(CancellationToken.None);
        }

        Assert.True(versionB > versionA, "B holds the higher version and committed first");
        await using (var reader = await provider.OpenAsync(CancellationToken.None))
        {
            Assert.True(await provider.ReadWatermarkAsync(reader, CancellationToken.None) < versionA, "the watermark stays below the version still in flight");
        }

        // A sync now (A still open) must not move the cursor past A's version.
        var (whileOpen, deltaAfter) = await ProtocolConformanceTests.DownloadAsync(client, deltaLink!, 500);

        await writerA.CommitAsync(CancellationToken.None);
        var (afterCommit, _) = await ProtocolConformanceTests.DownloadAsync(client, deltaAfter!, 500);
        var delivered = whileOpen.Keys.Concat(afterCommit.Keys).ToList();
        Assert.Equal(1, delivered.Count(k => k == keyA)); // not skipped
        Assert.Equal(1, delivered.Count(k => k == keyB)); // not lost, not duplicated
    }

    [SkippableFact]
    public async Task A_writer_that_dies_mid_transaction_does_not_hold_the_watermark_forever()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var options = ServerFixture.Small();
        options.PostgresConnectionString = database.ConnectionString;
        await using var server = await CrmServer.StartAsync(options);
        var provider = new PostgresStorageProvider(database.ConnectionString + ";Pooling=false");
        var writer = await provider.BeginWriteAsync(1, CancellationToken.None);
        var version = await writer.Versions.NextAsync(CancellationToken.None);

        // Kill the writer's backend from outside, as a crashed node would lose its connection.
        await using (var admin = await provider.OpenAsync(CancellationToken.None))
        await using (var kill = admin.CreateCommand())
        {
            kill.CommandText = "SELECT pg_terminate_backend(pid) FROM sync_inflight WHERE version = @v";
            kill.AddParameter("@v", version);
            Assert.Equal(true, await kill.ExecuteScalarAsync()); // the writer's backend was found and terminated
        }

        // Termination is asynchronous: wait (bounded) until the backend has left pg_stat_activity.
        await using (var admin = await provider.OpenAsync(CancellationToken.None))
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                await using var alive = admin.CreateCommand();
                alive.CommandText = "SELECT EXISTS (SELECT 1 FROM pg_stat_activity a JOIN sync_inflight f ON f.pid = a.pid WHERE f.version = @v)";
                alive.AddParameter("@v", version);
                if (!(bool)(await alive.ExecuteScalarAsync())!)
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, "the terminated writer's backend did not go away within 30 s");
                await Task.Delay(50);
            }
        }

        var after = await server.EditRowAsync("account", Guid.NewGuid().ToString("D"), new System.Collections.Generic.Dictionary<string, object?> { ["name"] = "later" });
        await using (var reader = await provider.OpenAsync(CancellationToken.None))
        {
            var watermark = await provider.ReadWatermarkAsync(reader, CancellationToken.None);
            Assert.True(watermark >= long.Parse(after.Trim('W', '/', '"'), System.Globalization.CultureInfo.InvariantCulture), $"watermark {watermark} moved past the dead writer's version {version}");
        }

        try
        {
            await writer.DisposeAsync();
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException)
        {
            // Its connection is gone; nothing to release.
        }
    }

    private static void Insert(WriteSession session, string key, string owner, long version)
    {
        using var command = session.Connection.CreateCommand();
        command.Transaction = session.Transaction;
        command.CommandText = "INSERT INTO \"e_account\" (\"accountid\", \"name\", \"_ownerid_value\", __version) VALUES (@k, 'out of order', @o, @v)";
        command.AddParameter("@k", key);
        command.AddParameter("@o", owner);
        command.AddParameter("@v", version);
        command.ExecuteNonQuery();
    }
}
