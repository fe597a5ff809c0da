using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Runtime.Tests.Fakes;
using SmartSync.Transport;
using Xunit;

namespace SmartSync.Runtime.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task App_writes_during_a_sync_never_fail_and_none_is_lost()
    {
        await using var h = new SyncHarness();
        var accounts = h.Seed("account", 20);
        var client = h.Client(pageSize: 10);
        Assert.True((await client.RunFullSyncAsync()).IsSuccess);
        h.Seed("account", 300, start: 1000);
        var contactDefinition = SyncHarness.Model.Find("contact")!;

        // Every page request of the sync fires app writes, so they contend with the page transactions.
        var writes = new ConcurrentBag<Task>();
        var written = new ConcurrentBag<string>();
        var counter = 0;
        h.Server.Fault = op =>
        {
            if (op is nameof(ISyncTransport.DownloadPageAsync) or nameof(ISyncTransport.UploadAsync))
            {
                for (var i = 0; i < 4; i++)
                {
                    var n = System.Threading.Interlocked.Increment(ref counter);
                    var key = SyncHarness.KeyOf(10, 5000 + n);
                    writes.Add(Task.Run(async () =>
                    {
                        await client.Records.UpsertAsync("contact", key, SyncHarness.Values(contactDefinition, n, "app"));
                        written.Add(key);
                    }));
                }

                writes.Add(Task.Run(() => client.Records.UpsertAsync("account", accounts[counter % accounts.Count], new Dictionary<string, object?> { ["name"] = "edited " + counter })));
            }

            return null;
        };

        var sync = await client.RunFullSyncAsync();
        h.Server.Fault = null;
        await Task.WhenAll(writes);

        Assert.True(sync.IsSuccess);
        Assert.True(written.Count > 100, "the sync should have overlapped many writes");
        Assert.True((await client.RunFullSyncAsync()).IsSuccess);

        Assert.Equal(0, await client.Records.CountPendingChangesAsync());
        var serverContacts = h.Server.Snapshot("contact");
        Assert.All(written, key => Assert.Contains(key, serverContacts.Keys));
        await SyncHarness.AssertConverged(h, client, "account", "contact");
    }

    [Fact]
    public async Task Reads_run_beside_a_long_write_transaction()
    {
        await using var h = new SyncHarness();
        h.Seed("account", 50);
        var client = h.Client(pageSize: 5);
        await client.RunFullSyncAsync();
        h.Seed("account", 50, start: 300);
        var reads = new ConcurrentQueue<int>();
        h.Server.Fault = op =>
        {
            if (op == nameof(ISyncTransport.DownloadPageAsync))
            {
                // Inside the page transaction: a reader on another connection still sees the last commit.
                reads.Enqueue(client.Records.QueryAsync("account").GetAwaiter().GetResult().Count);
            }

            return null;
        };

        Assert.True((await client.RunFullSyncAsync()).IsSuccess);
        Assert.NotEmpty(reads);
        var seen = reads.ToList();
        Assert.Equal(seen.Order(), seen); // committed pages only ever add rows
        Assert.Equal(50, seen[0]);
        Assert.All(seen, count => Assert.InRange(count, 50, 100));
        Assert.Equal(100, (await client.Records.QueryAsync("account")).Count);
    }
}
