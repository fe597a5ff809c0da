using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Crm;
using SmartSync.Data.Tests.Infrastructure;

namespace SmartSync.Data.Tests;

/// <summary>Live queries: results at once, then one re-query per coalescing window (fake clock) after writes or sync applies.</summary>
[Collection(ServerCollection.Name)]
public sealed class LiveQueryTests(ServerFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private readonly string _marker = "live-" + Guid.NewGuid().ToString("N");
    private Device _device = null!;

    public async Task InitializeAsync() => _device = await Device.SyncedAsync(fixture.Server);

    public async Task DisposeAsync() => await _device.DisposeAsync();

    [Fact]
    public async Task Emits_at_once_then_once_per_window_for_a_burst_of_writes()
    {
        var observer = new CollectingObserver<TaskRecord>();
        using var subscription = Mine().Observe(Window).Subscribe(observer);
        Assert.Empty(await observer.NextAsync());

        await Create("one");
        await Create("two");
        await Create("three");

        // The clock has not moved: the burst waits for its window, nothing polls in the meantime.
        Assert.True(await observer.StaysQuietAsync(Quiet));
        _device.Time.Advance(Window);
        var results = await observer.NextAsync();
        Assert.Equal(["one", "three", "two"], results.Select(t => t.Subject!));
        Assert.True(await observer.StaysQuietAsync(Quiet));
        Assert.Equal(2, observer.Count);
    }

    [Fact]
    public async Task A_sync_that_applies_server_changes_reemits()
    {
        var seeded = await _device.Records.Query(TaskRecord.Table).OrderBy(t => t.Activityid).FirstOrDefaultAsync();
        Assert.NotNull(seeded);
        var observer = new CollectingObserver<TaskRecord>();
        using var subscription = _device.Records.Query(TaskRecord.Table).Where(t => t.Activityid == seeded.Activityid).Observe(Window).Subscribe(observer);
        Assert.Equal(seeded.Subject, Assert.Single(await observer.NextAsync()).Subject);

        await fixture.Server.EditRowAsync("task", seeded.Activityid!.Value.ToString("D"), new Dictionary<string, object?> { ["subject"] = _marker });
        var sync = await _device.Client.RunAsync(Profiles.Tasks);
        Assert.True(sync.IsSuccess, sync.Message);

        _device.Time.Advance(Window);
        Assert.Equal(_marker, Assert.Single(await observer.NextAsync()).Subject);
    }

    [Fact]
    public async Task Writes_to_other_tables_do_not_reemit_and_disposing_stops_the_subscription()
    {
        var observer = new CollectingObserver<TaskRecord>();
        var subscription = Mine().Observe(Window).Subscribe(observer);
        await observer.NextAsync();

        await _device.Records.CreateAsync(new AccountRecord { Name = _marker });
        _device.Time.Advance(Window);
        Assert.True(await observer.StaysQuietAsync(Quiet));

        subscription.Dispose();
        await Create("after dispose");
        _device.Time.Advance(Window);
        Assert.True(await observer.StaysQuietAsync(Quiet));
        Assert.Equal(1, observer.Count);
    }

    [Fact]
    public async Task A_change_during_a_requery_is_not_lost()
    {
        var observer = new CollectingObserver<TaskRecord>();
        using var subscription = Mine().Observe(Window).Subscribe(observer);
        await observer.NextAsync();

        await Create("first");
        _device.Time.Advance(Window);
        await Create("second"); // may land while the re-query runs, or after it: either way a later emission has it
        _device.Time.Advance(Window);
        IReadOnlyList<TaskRecord> latest = await observer.NextAsync();
        while (latest.Count < 2)
        {
            _device.Time.Advance(Window);
            latest = await observer.NextAsync();
        }

        Assert.Equal(["first", "second"], latest.Select(t => t.Subject!));
    }

    private RecordQuery<TaskRecord, TaskRecord.TableColumns> Mine() =>
        _device.Records.Query(TaskRecord.Table).Where(t => t.Category == _marker).OrderBy(t => t.Subject);

    private Task<long> Create(string subject) => _device.Records.CreateAsync(new TaskRecord { Subject = subject, Category = _marker });
}
