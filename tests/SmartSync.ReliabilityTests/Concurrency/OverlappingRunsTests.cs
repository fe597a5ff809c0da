using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.ReferenceServer;

namespace SmartSync.ReliabilityTests.Concurrency;

/// <summary>
/// Matrix item 5 over HTTP and the real server: the app writes continuously while several profiles (direct calls and
/// RecordChange/periodic triggers) and full syncs overlap. No write fails or is lost, nothing reports a locked
/// database, runs never overlap (never two requests on the wire at once), and queued duplicates coalesce.
/// </summary>
public sealed class OverlappingRunsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CrmServer Server => fixture.Server;

    [Fact]
    public async Task App_writes_triggers_profiles_and_full_syncs_overlap_without_loss_locks_or_parallel_runs()
    {
        var alice = Server.User("alice");
        await using var device = new Device(Server, alice.Token);
        await device.FullSyncAsync();
        var tasks = Device.Profile("Tasks", SyncAction.UpDownSync, SyncModules.None, "task");
        var accounts = Device.Profile("Accounts", SyncAction.UpDownSync, SyncModules.None, "account");
        var contacts = Device.Profile("Contacts", SyncAction.DownSync, SyncModules.None, "contact");
        var catalog = new SmartSyncCatalog(
            [tasks, accounts, contacts],
            [new TriggerSpec("Tasks", TriggerAction.RecordChange, 5, "task"), new TriggerSpec("Accounts", TriggerAction.PeriodicSync, 60, null)],
            EquatableArray<ExcludedEntity>.Empty);
        device.Client.StartTriggers(catalog);

        // Hold the first full sync on its first page until every duplicate request below is queued behind it.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = 0;
        device.Handler.Plan = r => r.IsEntityPage && System.Threading.Interlocked.Exchange(ref held, 1) == 0 ? new Fault.Wait(gate.Task) : null;
        var full = device.Client.RunFullSyncAsync();
        var duplicates = Enumerable.Range(0, 5).Select(_ => device.Client.RunAsync(contacts)).ToList();

        // The app writes from three "threads" while everything runs.
        var accountKeys = Server.OwnedKeys("account", alice.Id);
        var written = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var errors = new ConcurrentQueue<Exception>();
        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                try
                {
                    var key = Guid.NewGuid().ToString("D");
                    await device.Client.Records.UpsertAsync("task", key, new Dictionary<string, object?> { ["subject"] = $"w{w} #{i}" });
                    written[key] = $"w{w} #{i}";
                    if (i % 5 == 0)
                    {
                        await device.Client.Records.UpsertAsync("account", accountKeys[w], new Dictionary<string, object?> { ["name"] = $"w{w} edit {i}" });
                        written["account:" + accountKeys[w]] = $"w{w} edit {i}";
                    }
                }
                catch (Exception ex)
                {
                    errors.Enqueue(ex);
                }
            }
        })).ToList();

        var direct = new List<Task<SyncResult>>();
        for (var round = 0; round < 4; round++)
        {
            direct.Add(device.Client.RunAsync(tasks));
            direct.Add(device.Client.RunAsync(accounts));
            device.Time.Advance(TimeSpan.FromSeconds(61)); // debounce windows close, the periodic trigger ticks
        }

        gate.SetResult();
        await Task.WhenAll(writers);
        direct.Add(device.Client.RunFullSyncAsync());
        var results = (await Task.WhenAll(direct.Append(full).Concat(duplicates))).ToList();
        await device.Client.StopTriggersAsync();
        device.Handler.Plan = null;

        Assert.Empty(errors);
        Assert.All(results, r => Assert.True(r.IsSuccess, r + " " + r.Error));
        Assert.Equal(1, device.Handler.MaxInFlight);
        Assert.DoesNotContain(device.Logs.GetSnapshot(), l => l.Message.Contains("locked", StringComparison.OrdinalIgnoreCase) || (l.Exception?.ToString().Contains("locked", StringComparison.OrdinalIgnoreCase) ?? false));

        // The five identical requests queued behind the held full sync became one run.
        var log = await device.Client.GetSyncLogAsync(runs: 1000);
        Assert.Equal(1, log.Count(e => e.ProfileName == "Contacts"));

        // Nothing lost: one last sync, then the server (seen by a fresh device) holds every write with its last value.
        await device.FullSyncAsync();
        Assert.Equal(0, await device.Client.Records.CountPendingChangesAsync());
        await using var other = new Device(Server, alice.Token);
        await other.FullSyncAsync();
        var serverTasks = other.Snapshot().Rows("task");
        var serverAccounts = other.Snapshot().Rows("account");
        foreach (var (key, value) in written)
        {
            var row = key.StartsWith("account:", StringComparison.Ordinal) ? serverAccounts[key["account:".Length..]] : serverTasks[key];
            if (!key.StartsWith("account:", StringComparison.Ordinal) || value.EndsWith(" edit 25", StringComparison.Ordinal))
            {
                Assert.Contains("'" + value + "'", row, StringComparison.Ordinal);
            }
        }

        Assert.Equal(other.Snapshot().Rows("task"), device.Snapshot().Rows("task"));
        Assert.Equal(other.Snapshot().Rows("account"), device.Snapshot().Rows("account"));
    }
}
