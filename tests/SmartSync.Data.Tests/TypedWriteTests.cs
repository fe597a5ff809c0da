using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Crm;
using SmartSync.Data.Tests.Infrastructure;

namespace SmartSync.Data.Tests;

/// <summary>Typed creates, updates and deletes: row and outbox in one transaction, checked against the version read, uploaded to the real server.</summary>
[Collection(ServerCollection.Name)]
public sealed class TypedWriteTests(ServerFixture fixture)
{
    [Fact]
    public async Task Create_generates_a_key_writes_row_and_outbox_entry_and_raises_RecordChanged()
    {
        await using var device = await Device.SyncedAsync(fixture.Server);
        var changes = new List<RecordChange>();
        device.Records.RecordChanged += (_, change) => changes.Add(change);
        var pending = await device.Records.CountPendingChangesAsync();

        var task = new TaskRecord { Subject = "typed create", Prioritycode = 2 };
        var sequence = await device.Records.CreateAsync(task);

        Assert.NotNull(task.Activityid);
        Assert.True(task.Version.IsStored);
        Assert.Equal(pending + 1, await device.Records.CountPendingChangesAsync());
        var change = Assert.Single(changes);
        Assert.Equal(new RecordChange("task", task.Activityid.Value.ToString("D"), RecordChangeKind.Upserted, sequence), change);
        var untyped = await device.Records.GetAsync("task", task.Activityid.Value.ToString("D"));
        Assert.Equal("typed create", untyped!.Values["subject"]);
        Assert.True(untyped.HasPendingChanges);
        var duplicate = new TaskRecord { Activityid = task.Activityid, Subject = "again" };
        var refused = await Assert.ThrowsAsync<RecordConflictException>(() => device.Records.CreateAsync(duplicate));
        Assert.Equal(RecordConflictKind.AlreadyExists, refused.Kind);
    }

    [Fact]
    public async Task An_update_from_a_stale_read_is_refused_and_writes_nothing()
    {
        await using var device = await Device.SyncedAsync(fixture.Server);
        var created = new TaskRecord { Subject = "v1" };
        await device.Records.CreateAsync(created);
        var screenA = await device.Records.GetAsync(TaskRecord.Table, created.Activityid!.Value);
        var screenB = await device.Records.GetAsync(TaskRecord.Table, created.Activityid.Value);

        screenA!.Subject = "edited on screen A";
        await device.Records.UpdateAsync(screenA);
        screenB!.Subject = "edited on screen B";
        var pending = await device.Records.CountPendingChangesAsync();
        var refused = await Assert.ThrowsAsync<RecordConflictException>(() => device.Records.UpdateAsync(screenB));

        Assert.Equal(RecordConflictKind.ChangedSinceRead, refused.Kind);
        Assert.Equal(pending, await device.Records.CountPendingChangesAsync());
        Assert.Equal("edited on screen A", (await device.Records.GetAsync(TaskRecord.Table, created.Activityid.Value))!.Subject);

        // The writer may go on with its own updated record.
        screenA.Subject = "A again";
        await device.Records.UpdateAsync(screenA);
        Assert.Equal("A again", (await device.Records.GetAsync(TaskRecord.Table, created.Activityid.Value))!.Subject);
    }

    [Fact]
    public async Task A_sync_that_changed_the_row_since_it_was_read_makes_the_update_conflict()
    {
        await using var device = await Device.SyncedAsync(fixture.Server);
        var read = await device.Records.Query(TaskRecord.Table).OrderByDescending(t => t.Activityid).FirstOrDefaultAsync();
        var key = read!.Activityid!.Value.ToString("D");

        await fixture.Server.EditRowAsync("task", key, new Dictionary<string, object?> { ["subject"] = "changed on the server" });
        Assert.True((await device.Client.RunAsync(Profiles.Tasks)).IsSuccess);
        read.Subject = "device edit from a stale read";

        var refused = await Assert.ThrowsAsync<RecordConflictException>(() => device.Records.UpdateAsync(read));
        Assert.Equal(RecordConflictKind.ChangedSinceRead, refused.Kind);
        Assert.Equal("changed on the server", (await device.Records.GetAsync(TaskRecord.Table, read.Activityid.Value))!.Subject);
    }

    [Fact]
    public async Task Delete_is_checked_too_and_a_deleted_row_refuses_later_writes()
    {
        await using var device = await Device.SyncedAsync(fixture.Server);
        var task = new TaskRecord { Subject = "to delete" };
        await device.Records.CreateAsync(task);
        var stale = await device.Records.GetAsync(TaskRecord.Table, task.Activityid!.Value);
        task.Subject = "changed before the delete";
        await device.Records.UpdateAsync(task);

        Assert.Equal(RecordConflictKind.ChangedSinceRead, (await Assert.ThrowsAsync<RecordConflictException>(() => device.Records.DeleteAsync(stale!))).Kind);
        await device.Records.DeleteAsync(task);
        Assert.Null(await device.Records.GetAsync(TaskRecord.Table, task.Activityid.Value));
        Assert.Equal(RecordConflictKind.DeletedSinceRead, (await Assert.ThrowsAsync<RecordConflictException>(() => device.Records.UpdateAsync(stale!))).Kind);
        await Assert.ThrowsAsync<InvalidOperationException>(() => device.Records.UpdateAsync(new TaskRecord { Activityid = Guid.NewGuid() }));
    }

    [Fact]
    public async Task Typed_writes_fire_the_RecordChange_trigger_and_reach_the_server()
    {
        await using var device = await Device.SyncedAsync(fixture.Server);
        var seeded = await device.Records.Query(TaskRecord.Table).Where(t => t.Regardingobjectid.IsNotNull()).OrderBy(t => t.Activityid).FirstOrDefaultAsync();
        device.Client.StartTriggers(new SmartSyncCatalog(Profiles.All, Profiles.Triggers, Profiles.GlobalExclusions));
        var created = new TaskRecord
        {
            Subject = "typed upload " + Guid.NewGuid().ToString("N"),
            Scheduledend = new DateTimeOffset(2026, 3, 6, 17, 0, 0, TimeSpan.FromHours(1)),
            Prioritycode = 1,
            Regardingobjectid = seeded!.Regardingobjectid,
        };
        await device.Records.CreateAsync(created);
        seeded.Subject = "typed edit " + Guid.NewGuid().ToString("N");
        await device.Records.UpdateAsync(seeded);

        // UploadTasks: RecordChange, Delay 5 s (fake clock). Nothing runs before the debounce window ends.
        Assert.Equal(2, await device.Records.CountPendingChangesAsync());
        device.Time.Advance(TimeSpan.FromSeconds(5));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await device.Records.CountPendingChangesAsync() > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, await device.Records.CountPendingChangesAsync());
        await using var other = await Device.SyncedAsync(fixture.Server);
        var onServer = await other.Records.GetAsync(TaskRecord.Table, created.Activityid!.Value);
        Assert.NotNull(onServer);
        Assert.Equal(created.Subject, onServer.Subject);
        Assert.Equal(created.Scheduledend, onServer.Scheduledend);
        Assert.Equal(1, onServer.Prioritycode);
        Assert.Equal(seeded.Regardingobjectid, onServer.Regardingobjectid);
        Assert.Equal(seeded.Subject, (await other.Records.GetAsync(TaskRecord.Table, seeded.Activityid!.Value))!.Subject);
    }
}
