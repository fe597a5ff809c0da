using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.Server;
using SmartSync.Transport.Http;
using Xunit.Abstractions;

namespace SmartSync.ReliabilityTests.ProcessKill;

/// <summary>
/// Matrix item 2 with a real process kill: a child client uploading local creates (one change per batch) is
/// killed as soon as the server has applied its first PATCHes, before it can record them all. The in-process
/// client that then runs on the same file leaves exactly one server row per local record and no pending outbox.
/// </summary>
[Collection(nameof(ProcessKillCollection))]
public sealed class KilledUploadTests(ProcessKillServerFixture fixture, ITestOutputHelper output)
{
    private const int Creates = 40;

    private CrmServer Server => fixture.Server;

    [ProcessKillFact]
    public async Task Killed_while_uploading_then_resumed_gives_one_server_row_per_local_record_and_an_empty_outbox()
    {
        var alice = Server.User("alice");
        foreach (var appliedBeforeKill in new[] { 1, 12 })
        {
            var because = $"killed after {appliedBeforeKill} applied upload(s)";
            var folder = Device.NewFolder();
            var database = Path.Combine(folder, "device.db");
            var created = Enumerable.Range(0, Creates).Select(_ => Guid.NewGuid().ToString("D")).ToList();
            await PrepareAsync(database, alice.Token, created);

            var before = Server.CountRows("account");
            int pendingAfterKill;
            int appliedButPending;
            await using (var child = ChildClient.Start(Server.BaseAddress, alice.Token, database, pageSize: 1, "Accounts"))
            {
                var killed = await child.KillWhenAsync(() => Server.CountRows("account") >= before + appliedBeforeKill, TimeSpan.FromSeconds(60));
                Assert.True(killed, $"{because}: the child ended (or stalled) before the kill point; server has {Server.CountRows("account") - before} new. Output:\n{child.Output}");
            }

            // The kill landed inside the upload: some creates were still pending in the file the child left.
            var afterKill = StoreSnapshot.Read(database);
            var pending = afterKill.Outbox.Where(o => o.Entity == "account").Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
            pendingAfterKill = pending.Count;
            Assert.True(pendingAfterKill > 0, because + ": the child finished its upload before the kill");
            var onServer = Server.OwnedKeys("account", alice.Id, 100_000).ToHashSet(StringComparer.Ordinal);
            appliedButPending = pending.Count(onServer.Contains);
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
            output.WriteLine($"{because}: {pendingAfterKill} create(s) pending after the kill, {appliedButPending} of them already applied on the server");
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
