using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;
using SmartSync.Runtime.Tests.Fakes;
using Xunit;

namespace SmartSync.Runtime.Tests.Hosting;

/// <summary>The real client hosting its triggers over a real SQLite file, on a fake clock.</summary>
public sealed class ClientTriggerTests
{
    private static readonly LoadedProfile Upload = SyncHarness.Profile(
        "UploadActivities",
        SyncAction.UpSync,
        modules: SyncModules.OnlyCoreModules,
        entities: [SyncHarness.Entity("task"), SyncHarness.Entity("phonecall"), SyncHarness.Entity("appointment")]);

    private static readonly LoadedProfile Tasks = SyncHarness.Profile("GetTasks", SyncAction.DownSync, entities: [SyncHarness.Entity("task")]);

    [Fact]
    public async Task A_burst_of_local_edits_fires_the_RecordChange_profile_once_after_the_debounce()
    {
        await using var h = new SyncHarness();
        var keys = h.Seed("task", 5);
        h.Seed("account", 3);
        var client = h.Client();
        Assert.True((await client.RunFullSyncAsync()).IsSuccess);
        client.StartTriggers(Catalog([Upload], new TriggerSpec("UploadActivities", TriggerAction.RecordChange, 10, null)));

        foreach (var key in keys.Take(3))
        {
            await client.Records.UpsertAsync("task", key, new Dictionary<string, object?> { ["subject"] = "edited on the device" });
            h.Time.Advance(TimeSpan.FromSeconds(2));
        }

        // The window opened at the first edit; 6 s of it have passed.
        h.Time.Advance(TimeSpan.FromSeconds(3.9));
        Assert.Equal(0, h.Server.UploadCalls);
        Assert.Equal(3, await client.Records.CountPendingChangesAsync());

        h.Time.Advance(TimeSpan.FromSeconds(0.1));
        await client.WhenTriggersIdleAsync();

        Assert.Equal(0, await client.Records.CountPendingChangesAsync());
        Assert.Equal(3, h.Server.ReceivedUploads.Count);
        Assert.Equal(keys.Take(3).Order(StringComparer.Ordinal), h.Server.ReceivedUploads.Select(u => u.Key).Order(StringComparer.Ordinal));
        var runs = await client.GetSyncLogAsync(runs: 10);
        Assert.Single(runs, r => r.ProfileName == "UploadActivities");

        // An entity the profile does not sync fires nothing.
        await client.Records.UpsertAsync("account", (await client.Records.QueryAsync("account"))[0].Key, new Dictionary<string, object?> { ["name"] = "renamed" });
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await client.WhenTriggersIdleAsync();
        Assert.Single(await client.GetSyncLogAsync(runs: 10), r => r.ProfileName == "UploadActivities");
    }

    [Fact]
    public async Task Effective_entities_follow_the_local_data_model()
    {
        await using var h = new SyncHarness();
        var client = h.Client();
        var related = SyncHarness.Profile("Opportunities", entities: [SyncHarness.Entity("opportunity", withRelated: true)]);

        // Before the first full sync there is no local model: only the listed names are known.
        Assert.Equal(["opportunity"], client.GetEffectiveEntities(related));

        Assert.True((await client.RunFullSyncAsync()).IsSuccess);
        var effective = client.GetEffectiveEntities(related);
        Assert.Contains("opportunity", effective);
        Assert.Contains("account", effective);
        Assert.True(effective.Count > 1);
    }

    [Fact]
    public async Task Periodic_trigger_never_overlaps_a_run_of_its_profile()
    {
        await using var h = new SyncHarness();
        h.Seed("task", 4);
        var client = h.Client();
        Assert.True((await client.RunFullSyncAsync()).IsSuccess);
        var whoAmIBefore = h.Server.WhoAmICalls;

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Server.WhoAmIGate = () => gate.Task;
        client.StartTriggers(Catalog([Tasks], new TriggerSpec("GetTasks", TriggerAction.PeriodicSync, 60, null)));

        h.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.True(client.IsPending("GetTasks"));
        h.Time.Advance(TimeSpan.FromSeconds(60)); // the first run is still held at WhoAmI: this tick is skipped
        h.Time.Advance(TimeSpan.FromSeconds(60));

        gate.SetResult();
        await client.WhenTriggersIdleAsync();
        Assert.False(client.IsPending("GetTasks"));
        Assert.Equal(1, h.Server.WhoAmICalls - whoAmIBefore);

        h.Time.Advance(TimeSpan.FromSeconds(60));
        await client.WhenTriggersIdleAsync();
        Assert.Equal(2, h.Server.WhoAmICalls - whoAmIBefore);
        Assert.Equal(2, (await client.GetSyncLogAsync(runs: 10)).Count(r => r.ProfileName == "GetTasks" && r.Outcome == SyncOutcome.Completed));
    }

    [Fact]
    public async Task A_refused_trigger_run_is_logged_with_its_reason_and_waits_for_the_next_turn()
    {
        await using var h = new SyncHarness();
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(logs)));
        await using var client = new SmartSyncClient(
            new SmartSyncClientOptions { DatabasePath = h.DatabasePath, Transport = h.Server, AllowSmartSync = false },
            loggerFactory,
            h.Time);
        client.StartTriggers(Catalog([Tasks], new TriggerSpec("GetTasks", TriggerAction.PeriodicSync, 60, null)));

        h.Time.Advance(TimeSpan.FromSeconds(60));
        await client.WhenTriggersIdleAsync();
        h.Time.Advance(TimeSpan.FromSeconds(60));
        await client.WhenTriggersIdleAsync();

        var refusals = logs.GetSnapshot().Where(r => r.Id.Id == 3002).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, r => Assert.Contains("GetTasks", r.Message, StringComparison.Ordinal));
        Assert.All(refusals, r => Assert.Contains(nameof(SyncRefusalReason.NotAllowed), r.Message, StringComparison.Ordinal));
        Assert.True(client.TriggersRunning);
    }

    [Fact]
    public async Task Start_returns_a_handle_at_once_and_a_waiting_duplicate_joins_the_queued_run()
    {
        await using var h = new SyncHarness();
        h.Seed("task", 3);
        var client = h.Client();
        Assert.True((await client.RunFullSyncAsync()).IsSuccess);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Server.WhoAmIGate = () =>
        {
            entered.TrySetResult();
            return gate.Task;
        };

        var running = client.Start(Tasks);
        Assert.False(running.Completion.IsCompleted);
        await entered.Task; // the first run left the queue and is held at WhoAmI
        var queued = client.Start(Tasks);
        var joined = client.Start(Tasks);

        Assert.Equal("GetTasks", running.ProfileName);
        Assert.False(running.Completion.IsCompleted);
        Assert.True(client.IsPending("gettasks"));
        Assert.NotSame(running.Completion, queued.Completion);
        Assert.Same(queued.Completion, joined.Completion);

        gate.SetResult();
        Assert.Equal(SyncOutcome.Completed, (await running.Completion).Outcome);
        Assert.Equal(SyncOutcome.Completed, (await joined.Completion).Outcome);
    }

    [Fact]
    public async Task Stopping_disarms_the_triggers()
    {
        await using var h = new SyncHarness();
        var client = h.Client();
        client.StartTriggers(Catalog([Tasks], new TriggerSpec("GetTasks", TriggerAction.PeriodicSync, 60, null)));
        Assert.True(client.TriggersRunning);
        Assert.Single(client.ActiveTriggers);

        await client.StopTriggersAsync();
        h.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.False(client.TriggersRunning);
        Assert.Empty(client.ActiveTriggers);
        Assert.Equal(0, h.Server.WhoAmICalls);
    }

    internal static SmartSyncCatalog Catalog(SmartSyncProfile[] profiles, params TriggerSpec[] triggers) =>
        new(profiles, triggers, EquatableArray<ExcludedEntity>.Empty);
}
