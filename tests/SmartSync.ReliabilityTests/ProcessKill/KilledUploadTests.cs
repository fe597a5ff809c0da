using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.ReferenceServer;
using SmartSync.Transport.Http;

namespace SmartSync.ReliabilityTests.ProcessKill;

/// <summary>
/// Matrix item 2 with a real process kill: a child client uploading local creates (one change per batch, through
/// a <see cref="KillingProxy"/>) is killed after the server applied its k-th PATCH and before the answer reaches
/// it, so the file holds a change the server has but the device never recorded. The in-process
/// client that then runs on the same file leaves exactly one server row per local record and no pending outbox.
/// </summary>
[Collection(nameof(ProcessKillCollection))]
public sealed class KilledUploadTests(ProcessKillServerFixture fixture)
{
    private const int Creates = 40;

    private CrmServer Server => fixture.Server;

    [Fact]
    public async Task Killed_while_uploading_then_resumed_gives_one_server_row_per_local_record_and_an_empty_outbox()
    {
        var alice = Server.User("alice");
        foreach (var appliedBeforeKill in new[] { 1, 12, 40 })
        {
            var because = $"killed after {appliedBeforeKill} applied upload(s)";
            var folder = Device.NewFolder();
            var database = Path.Combine(folder, "device.db");
            var created = Enumerable.Range(0, Creates).Select(_ => Guid.NewGuid().ToString("D")).ToList();
            await PrepareAsync(database, alice.Token, created);

            var before = Server.CountRows("account");
            await using var proxy = await KillingProxy.StartAsync(Server.BaseAddress);
            proxy.OnApplied = upload => upload == appliedBeforeKill;
            await using (var child = ChildClient.Start(proxy.BaseAddress, alice.Token, database, pageSize: 1, "Accounts"))
            {
                proxy.SetKill(child.Kill);
                var exit = await child.WaitForExitAsync(TimeSpan.FromSeconds(60));
                Assert.True(child.WasKilled, $"{because}: the child ended by itself (exit code {exit}). Output:\n{child.Output}");
            }

            // The file the child left: the creates it saw answered are recorded, the rest (and the unanswered one) pending.
            var afterKill = StoreSnapshot.Read(database);
            var pending = afterKill.Outbox.Where(o => o.Entity == "account").Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
            var onServer = Server.OwnedKeys("account", alice.Id, 100_000).ToHashSet(StringComparer.OrdinalIgnoreCase);
            Assert.Equal(before + appliedBeforeKill, Server.CountRows("account"));
            Assert.Equal(Creates - appliedBeforeKill + 1, pending.Count);

            // The create whose answer never arrived: on the server, yet still pending in the file.
            Assert.Equal(1, pending.Count(onServer.Contains));
            Assert.All(created, key => Assert.True(afterKill.Rows("account").ContainsKey(key), $"{because}: local record {key} lost"));

            await using var resumed = new Device(Server, alice.Token, folder: folder);
            var profile = Device.Profile("Upload", SyncAction.UpSync, SyncModules.None, "account");
            var result = await resumed.Client.RunAsync(profile);
            Assert.True(result.IsSuccess, $"{because}: resumed run {result} {result.Error}");
            Assert.Equal(0, await resumed.Client.Records.CountPendingChangesAsync());
            Assert.Empty(resumed.Snapshot().Outbox);

            // Exactly one server row per local record, whatever the child had sent or recorded.
            Assert.Equal(before + Creates, Server.CountRows("account"));
            var owned = Server.OwnedKeys("account", alice.Id, 100_000);
            Assert.All(created, key => Assert.Equal(1, owned.Count(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase))));
        }
    }

    /// <summary>A device that did its full sync and then created records offline (client disposed, file closed).</summary>
    private async Task PrepareAsync(string database, string token, IReadOnlyList<string> created)
    {
        using var http = new HttpClient();
        var transport = new HttpSyncTransport(http, new HttpSyncTransportOptions
        {
            BaseAddress = Server.BaseAddress,
            AccessTokenProvider = _ => ValueTask.FromResult<string?>(token),
        });
        await using var client = new SmartSyncClient(new SmartSyncClientOptions { DatabasePath = database, Transport = transport, PageSize = Device.PageSize });
        var full = await client.RunFullSyncAsync();
        Assert.True(full.IsSuccess, full + " " + full.Error);
        foreach (var (key, i) in created.Select((k, i) => (k, i)))
        {
            await client.Records.UpsertAsync("account", key, new Dictionary<string, object?> { ["name"] = $"offline account {i}" });
        }

        Assert.Equal(created.Count, await client.Records.CountPendingChangesAsync());
    }
}
