using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;
using SmartSync.ReferenceServer;
using SmartSync.Server.Tests.Infrastructure;
using SmartSync.Transport.Http;

namespace SmartSync.Server.Tests.ScaleOut;

/// <summary>
/// Two server nodes over one PostgreSQL database; the runtime's client alternates between them at every request
/// (its cursors from one node are followed on the other). Device and server edit in rounds; in the end the device
/// holds exactly the server's rows: none lost, none duplicated.
/// </summary>
public sealed class TwoNodeConvergenceTests
{
    [SkippableFact]
    public async Task A_client_alternating_between_two_nodes_converges_with_nothing_lost_or_duplicated()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var secret = RandomNumberGenerator.GetBytes(32);
        var first = ServerFixture.Small();
        first.PostgresConnectionString = database.ConnectionString;
        first.TokenSecret = secret;
        await using var nodeA = await CrmServer.StartAsync(first);
        var second = ServerFixture.Small();
        second.PostgresConnectionString = database.ConnectionString;
        second.TokenSecret = secret;
        second.SkipSeeding = true;
        await using var nodeB = await CrmServer.StartAsync(second);

        var alice = nodeA.User("alice");
        Assert.Equal(alice.Token, nodeB.User("alice").Token);
        var folder = Path.Combine(Path.GetTempPath(), "smartsync-two-nodes", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var balancer = new AlternatingNodesHandler(nodeA.BaseAddress, nodeB.BaseAddress);
        using var http = new HttpClient(balancer);
        var transport = new HttpSyncTransport(http, new HttpSyncTransportOptions
        {
            BaseAddress = nodeA.BaseAddress,
            AccessTokenProvider = _ => ValueTask.FromResult<string?>(alice.Token),
            DeviceId = "alternating-device",
            MaxRetryAttempts = 0,
        });
        var created = new List<string>();
        try
        {
            await using (var client = new SmartSyncClient(new SmartSyncClientOptions { DatabasePath = Path.Combine(folder, "device.db"), Transport = transport, PageSize = 7 }))
            {
                var full = await client.RunFullSyncAsync();
                Assert.True(full.IsSuccess, full.Message + " " + full.Error);
                var profile = new LoadedProfile(new ProfileSpec("Contacts", null, SyncAction.UpDownSync, SyncMethod.Default, true, true, SyncModules.None, EntitiesMode.Include,
                    new[] { new EntitySpec("contact", false, false) }.ToEquatableArray()));
                var serverKeys = nodeA.OwnedKeys("contact", alice.Id, 10_000).ToList();
                for (var round = 0; round < 6; round++)
                {
                    // The device creates and edits; the server (through both nodes' backends) creates, edits and deletes.
                    for (var i = 0; i < 5; i++)
                    {
                        var key = Guid.NewGuid().ToString("D");
                        created.Add(key);
                        await client.Records.UpsertAsync("contact", key, new Dictionary<string, object?> { ["lastname"] = $"device {round}.{i}" });
                    }

                    await client.Records.UpsertAsync("contact", created[round], new Dictionary<string, object?> { ["jobtitle"] = "edited on device " + round });
                    var node = round % 2 == 0 ? nodeA : nodeB;
                    await node.EditRowAsync("contact", Guid.NewGuid().ToString("D"), new Dictionary<string, object?> { ["lastname"] = "server " + round, ["_ownerid_value"] = alice.Id });
                    await node.EditRowAsync("contact", serverKeys[round], new Dictionary<string, object?> { ["jobtitle"] = "server edit " + round });
                    await node.DeleteRowAsync("contact", serverKeys[^(round + 1)]);

                    var result = await client.RunAsync(profile);
                    Assert.True(result.IsSuccess, $"round {round}: {result.Message} {result.Error}");
                }

                var final = await client.RunAsync(profile);
                Assert.True(final.IsSuccess, final.Message + " " + final.Error);

                var local = await client.Records.QueryAsync("contact");
                var localKeys = local.Select(r => r.Key).ToList();
                var expected = nodeB.OwnedKeys("contact", alice.Id, 100_000).ToHashSet(StringComparer.Ordinal);
                Assert.Equal(expected.OrderBy(k => k, StringComparer.Ordinal), localKeys.Where(expected.Contains).OrderBy(k => k, StringComparer.Ordinal)); // nothing lost
                Assert.All(created, key => Assert.Contains(key, expected)); // every device row reached the server once (the key is its primary key)
                Assert.Equal(0, await client.Records.CountPendingChangesAsync());
                foreach (var record in local.Where(r => expected.Contains(r.Key)))
                {
                    var server = await nodeA.Backend.FindAsync("contact", record.Key);
                    Assert.Equal(server!["jobtitle"], record.Values.GetValueOrDefault("jobtitle"));
                    Assert.Equal(server["lastname"], record.Values.GetValueOrDefault("lastname"));
                }

                foreach (var key in localKeys.Where(k => !expected.Contains(k)))
                {
                    // Not alice's: then a row shared with her that still exists (nothing the server deleted lingers).
                    Assert.NotNull(await nodeA.Backend.FindAsync("contact", key));
                }
            }

            Assert.True(balancer.Requests[0] > 10 && balancer.Requests[1] > 10, $"both nodes served: {balancer.Requests[0]} / {balancer.Requests[1]}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
