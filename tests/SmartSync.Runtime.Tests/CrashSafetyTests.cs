using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Runtime.Tests.Fakes;
using SmartSync.Transport;
using Xunit;

namespace SmartSync.Runtime.Tests;

public sealed class CrashSafetyTests
{
    private static readonly string[] Entities = ["account", "contact", "task"];

    public static IEnumerable<object[]> FailurePoints() =>
        new[] { 0, 1, 2, 9, 10, 11, 19, 33, 50, 51, 64, 77, 90, 101, 119, 126 }.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(FailurePoints))]
    public async Task Interrupted_download_leaves_a_consistent_prefix_and_the_next_run_converges(int failAfter)
    {
        await using var h = new SyncHarness();
        h.Seed("account", 50);
        var contacts = h.Seed("contact", 40);
        h.Seed("task", 37);
        var client = h.Client(pageSize: 10);
        h.Server.FailAfterRecords = failAfter;

        var interrupted = await client.RunFullSyncAsync();

        Assert.Equal(SyncOutcome.Failed, interrupted.Outcome);
        Assert.IsType<TransportUnavailableException>(interrupted.Error);
        await AssertConsistentPrefix(h, client);

        // The server moves on meanwhile; the next run resumes from the committed cursors.
        h.Server.Put("contact", contacts[0], SyncHarness.Values(SyncHarness.Model.Find("contact")!, 0, "v2"));
        h.Server.Delete("contact", contacts[1]);
        h.Seed("task", 3, start: 900);
        var resumed = await client.RunFullSyncAsync();

        Assert.Equal(SyncOutcome.Completed, resumed.Outcome);
        await SyncHarness.AssertConverged(h, client, Entities);
        foreach (var entity in Entities)
        {
            Assert.Equal(h.Server.Snapshot(entity).Count, h.Scalar("SELECT COUNT(*) FROM \"" + entity + "\""));
        }
    }

    [Fact]
    public async Task Interrupted_incremental_download_keeps_the_previous_cursor_and_converges()
    {
        await using var h = new SyncHarness();
        var keys = h.Seed("account", 30);
        var client = h.Client(pageSize: 7);
        Assert.True((await client.RunFullSyncAsync()).IsSuccess);
        for (var i = 0; i < 20; i++)
        {
            h.Server.Put("account", keys[i], SyncHarness.Values(SyncHarness.Model.Find("account")!, i, "v2"));
        }

        h.Server.FailAfterRecords = 12;
        Assert.Equal(SyncOutcome.Failed, (await client.RunFullSyncAsync()).Outcome);
        await AssertConsistentPrefix(h, client, allowStale: true);

        Assert.True((await client.RunFullSyncAsync()).IsSuccess);
        await SyncHarness.AssertConverged(h, client, "account");
    }

    /// <summary>
    /// Local rows are server rows (no invented or half-written ones), and each committed cursor is
    /// backed by data: every server row its link covers is on disk.
    /// </summary>
    private static async Task AssertConsistentPrefix(SyncHarness h, SmartSyncClient client, bool allowStale = false)
    {
        foreach (var entity in Entities)
        {
            var server = h.Server.Snapshot(entity);
            var local = await SyncHarness.LocalSnapshot(client, entity);
            foreach (var (key, row) in local)
            {
                Assert.True(server.ContainsKey(key), $"{entity} {key} is not on the server");
                if (!allowStale)
                {
                    Assert.Equal(server[key], row);
                }
            }

            var cursor = h.Query("SELECT cursor FROM __ss_cursor WHERE module = 'download' AND entity = '" + entity + "'");
            if (cursor.Count == 0)
            {
                continue;
            }

            var covered = InMemoryCrmServer.CoveredVersion((string)cursor[0][0]!);
            foreach (var (key, version) in h.Server.Versions(entity))
            {
                if (version <= covered)
                {
                    Assert.True(local.ContainsKey(key), $"cursor of {entity} covers version {covered} but {key} (version {version}) is missing");
                    Assert.Equal(server[key], local[key]);
                }
            }
        }
    }
}
