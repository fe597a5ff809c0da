using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;
using SmartSync.Triggers;
using Xunit;

namespace SmartSync.Runtime.Tests.Triggers;

public class TriggerSchedulerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AppStart_runs_once_after_its_delay()
    {
        var host = new RecordingHost();
        await using var scheduler = Scheduler(host, new TriggerSpec("Tasks", TriggerAction.AppStart, 5, null));
        scheduler.Start();

        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Empty(host.Runs);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["Tasks"], host.Runs);

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Single(host.Runs);
    }

    [Fact]
    public async Task Periodic_runs_every_period()
    {
        var host = new RecordingHost();
        await using var scheduler = Scheduler(host, new TriggerSpec("Tasks", TriggerAction.PeriodicSync, 300, null));
        scheduler.Start();

        for (var i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(300));
        }

        Assert.Equal(3, host.Runs.Count);
    }

    [Fact]
    public async Task Periodic_never_overlaps_its_own_run_and_skips_while_one_is_queued()
    {
        var host = new RecordingHost { HoldRuns = true };
        await using var scheduler = Scheduler(host, new TriggerSpec("Tasks", TriggerAction.PeriodicSync, 60, null));
        scheduler.Start();

        _time.Advance(TimeSpan.FromSeconds(60));
        _time.Advance(TimeSpan.FromSeconds(60)); // the first run is still going
        Assert.Single(host.Runs);

        host.ReleaseAll();
        await scheduler.WhenIdleAsync();
        host.PendingProfiles.Add("Tasks"); // e.g. a button queued it
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Single(host.Runs);

        host.PendingProfiles.Clear();
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(2, host.Runs.Count);
    }

    [Fact]
    public async Task A_burst_of_record_changes_makes_one_run_after_the_debounce()
    {
        var host = new RecordingHost();
        await using var scheduler = Scheduler(host, new TriggerSpec("Upload", TriggerAction.RecordChange, 10, null));
        scheduler.Start();

        for (var i = 0; i < 20; i++)
        {
            scheduler.NotifyRecordChanged("task");
            _time.Advance(TimeSpan.FromMilliseconds(300));
        }

        Assert.Empty(host.Runs);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(["Upload"], host.Runs);

        scheduler.NotifyRecordChanged("task");
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, host.Runs.Count);
    }

    [Fact]
    public async Task Record_changes_fire_only_for_watched_entities()
    {
        var host = new RecordingHost();
        await using var scheduler = Scheduler(
            host,
            new TriggerSpec("Upload", TriggerAction.RecordChange, 1, null),
            new TriggerSpec("Tasks", TriggerAction.RecordChange, 1, "account"));
        scheduler.Start();

        scheduler.NotifyRecordChanged("contact");
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(host.Runs);

        scheduler.NotifyRecordChanged("task");
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["Upload"], host.Runs);

        scheduler.NotifyRecordChanged("account");
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["Upload", "Tasks"], host.Runs);
    }

    [Fact]
    public async Task A_refused_run_waits_for_the_next_turn()
    {
        var host = new RecordingHost { Outcome = SyncOutcome.Refused };
        await using var scheduler = Scheduler(host, new TriggerSpec("Tasks", TriggerAction.PeriodicSync, 120, null));
        scheduler.Start();

        _time.Advance(TimeSpan.FromSeconds(120));
        await scheduler.WhenIdleAsync();
        Assert.Single(host.Runs);

        host.Outcome = SyncOutcome.Completed;
        _time.Advance(TimeSpan.FromSeconds(120));
        Assert.Equal(2, host.Runs.Count);
    }

    [Fact]
    public async Task Stop_disarms_every_trigger_and_cancels_running_ones()
    {
        var host = new RecordingHost { HoldRuns = true };
        var scheduler = Scheduler(host, new TriggerSpec("Tasks", TriggerAction.PeriodicSync, 60, null), new TriggerSpec("Upload", TriggerAction.RecordChange, 1, null));
        scheduler.Start();
        _time.Advance(TimeSpan.FromSeconds(60));

        await scheduler.StopAsync();
        scheduler.NotifyRecordChanged("task");
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(["Tasks"], host.Runs);
        Assert.True(host.LastToken.IsCancellationRequested);
        await scheduler.DisposeAsync();
    }

    private TriggerScheduler Scheduler(RecordingHost host, params TriggerSpec[] triggers)
    {
        var profiles = new SmartSyncProfile[]
        {
            new LoadedProfile(Profile("Tasks", "task")),
            new LoadedProfile(Profile("Upload", "task", "phonecall")),
        };
        var catalog = new SmartSyncCatalog(profiles, triggers, EquatableArray<ExcludedEntity>.Empty);
        return new TriggerScheduler(catalog, host, _time);
    }

    private static ProfileSpec Profile(string name, params string[] entities) =>
        new(name, null, SyncAction.UpDownSync, SyncMethod.Default, true, true, SyncModules.None, EntitiesMode.Include,
            entities.Select(e => new EntitySpec(e, false, false)).ToEquatableArray());

    /// <summary>Records which profiles the triggers launched; can hold runs open to test overlap.</summary>
    private sealed class RecordingHost : ITriggerHost
    {
        private readonly ConcurrentBag<TaskCompletionSource> _held = [];


        public List<string> Runs { get; } = [];

        public HashSet<string> PendingProfiles { get; } = [];

        public bool HoldRuns { get; set; }

        public SyncOutcome Outcome { get; set; } = SyncOutcome.Completed;

        public CancellationToken LastToken { get; private set; }

        public Task<SyncResult> RunAsync(SmartSyncProfile profile, CancellationToken cancellationToken)
        {
            Runs.Add(profile.Name);
            LastToken = cancellationToken;
            var task = RunCore(profile, cancellationToken);

            return task;
        }

        public bool IsPending(string profileName) => PendingProfiles.Contains(profileName);

        public IReadOnlyCollection<string> EntitiesOf(SmartSyncProfile profile) => profile.Entities.Select(e => e.Name).ToArray();

        public void ReleaseAll()
        {
            foreach (var hold in _held)
            {
                hold.TrySetResult();
            }
        }

        private async Task<SyncResult> RunCore(SmartSyncProfile profile, CancellationToken cancellationToken)
        {
            if (HoldRuns)
            {
                var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _held.Add(hold);
                using var registration = cancellationToken.Register(() => hold.TrySetCanceled(cancellationToken));
                await hold.Task;
            }

            return new SyncResult { ProfileName = profile.Name, Outcome = Outcome, RefusalReason = Outcome == SyncOutcome.Refused ? SyncRefusalReason.TooManyConnectionFailures : SyncRefusalReason.None };
        }
    }
}
