using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.ReferenceServer;
using SmartSync.Transport;

namespace SmartSync.ReliabilityTests.Download;

/// <summary>
/// Matrix item 1: a device's first full sync is interrupted at every page boundary and inside pages (reset,
/// cut body, cancellation). Each time the database holds a whole-page prefix of every entity's server stream
/// with the cursor exactly behind it, and the next run converges to what an uninterrupted device holds.
/// </summary>
public sealed class InterruptedDownloadTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private CrmServer Server => fixture.Server;

    private SeededUser Alice => Server.User("alice");

    private ServerView _view = null!;

    private Device _reference = null!;

    public async Task InitializeAsync()
    {
        _view = new ServerView(Server, Alice.Token);
        _reference = new Device(Server, Alice.Token);
        await _reference.FullSyncAsync();
    }

    public async Task DisposeAsync()
    {
        _view.Dispose();
        await _reference.DisposeAsync();
    }

    [Fact]
    public async Task Reset_at_every_page_boundary_leaves_a_stream_prefix_and_the_next_run_converges()
    {
        var pages = await CountEntityPagesOfAFullSyncAsync();
        Assert.True(pages > 25, $"the seeded server should give many page boundaries, got {pages}");
        for (var page = 1; page <= pages; page++)
        {
            var failing = page;
            await InterruptThenResumeAsync(r => r.IsEntityPage && r.Index == failing ? new Fault.Reset() : null, null, $"reset before page {page} of {pages}", serverMovesOn: page % 4 == 0);
        }
    }

    public static TheoryData<int, double> InsidePage => new()
    {
        { 1, 0.0 }, { 2, 0.01 }, { 2, 0.5 }, { 2, 0.999 }, { 3, 0.6 }, { 5, 0.3 },
    };

    [Theory]
    [MemberData(nameof(InsidePage))]
    public async Task Body_cut_inside_a_page_writes_nothing_of_that_page(int page, double fraction)
    {
        var result = await InterruptThenResumeAsync(
            r => r.IsEntityPage && r.Index == page ? new Fault.CutAt(fraction) : null, null, $"page {page} cut at {fraction:P1}");
        Assert.Equal(SyncOutcome.Failed, result.Outcome);
        Assert.IsType<TransportUnavailableException>(result.Error);
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.4)]
    [InlineData(3, 0.95)]
    public async Task Cancellation_inside_a_page_writes_nothing_of_that_page(int page, double fraction)
    {
        using var cancel = new CancellationTokenSource();
        var result = await InterruptThenResumeAsync(
            r => r.IsEntityPage && r.Index == page ? new Fault.CancelAt(fraction, cancel) : null, cancel, $"cancelled in page {page} at {fraction:P1}");
        Assert.Equal(SyncOutcome.Cancelled, result.Outcome);
    }

    private async Task<int> CountEntityPagesOfAFullSyncAsync()
    {
        await using var probe = new Device(Server, Alice.Token);
        await probe.FullSyncAsync();
        return probe.Handler.Counts["page"];
    }

    private async Task<SyncResult> InterruptThenResumeAsync(Func<RequestInfo, Fault?> plan, CancellationTokenSource? cancel, string because, bool serverMovesOn = true)
    {
        await using var device = new Device(Server, Alice.Token);
        var fired = 0;
        device.Handler.Plan = r =>
        {
            var fault = plan(r);
            if (fault is not null)
            {
                Interlocked.Increment(ref fired);
            }

            return fault;
        };

        var interrupted = await device.Client.RunFullSyncAsync(cancel?.Token ?? CancellationToken.None);
        device.Handler.Plan = null;
        Assert.Equal(1, fired);
        Assert.NotEqual(SyncOutcome.Completed, interrupted.Outcome);
        Assert.True(interrupted.Outcome == SyncOutcome.Cancelled || interrupted.Error is not null, because + ": a failed run carries its error");

        await Consistency.AssertEachEntityIsAStreamPrefixAsync(device.Snapshot(), _view, because);

        // The server may move on before the device retries: an edit and a new record.
        var created = Guid.NewGuid().ToString("D");
        if (serverMovesOn)
        {
            var accounts = Server.OwnedKeys("account", Alice.Id);
            await Server.EditRowAsync("account", accounts[1], new Dictionary<string, object?> { ["name"] = "edited while the device was down " + Guid.NewGuid().ToString("N")[..6] });
            await Server.EditRowAsync("task", created, new Dictionary<string, object?> { ["subject"] = "new while down", ["_ownerid_value"] = Alice.Id });
        }

        var resumed = await device.Client.RunFullSyncAsync();
        Assert.True(resumed.IsSuccess, because + ": resumed run " + resumed + " " + resumed.Error);
        if (serverMovesOn)
        {
            // A resumed paged download finishes the enumeration the server snapshotted when it began; rows changed
            // after that snapshot come with the delta link it ends with (protocol.md), so one more run brings them.
            foreach (var (entity, rows) in device.Snapshot().Tables)
            {
                Assert.Subset((await _view.VisibleKeysAsync(entity)).ToHashSet(StringComparer.Ordinal), rows.Keys.ToHashSet(StringComparer.Ordinal));
            }

            Assert.True((await device.Client.RunFullSyncAsync()).IsSuccess);
        }

        await _reference.FullSyncAsync();
        StoreSnapshot.AssertSameData(_reference.Snapshot(), device.Snapshot(), because);
        foreach (var entity in new[] { "account", "contact", "task" })
        {
            Assert.Equal((await _view.VisibleKeysAsync(entity)).Order(StringComparer.Ordinal), device.Snapshot().Rows(entity).Keys);
        }

        if (!serverMovesOn)
        {
            return interrupted;
        }

        Assert.Contains(created, device.Snapshot().Rows("task").Keys);
        // Keep the page layout of the next case identical: the new task goes (through the delete log).
        await Server.DeleteRowAsync("task", created);
        return interrupted;
    }
}
