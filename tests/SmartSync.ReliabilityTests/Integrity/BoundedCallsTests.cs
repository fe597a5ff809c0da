using System;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.ReferenceServer;

namespace SmartSync.ReliabilityTests.Integrity;

/// <summary>
/// Calls that could hang or block: the full-sync acknowledgement after a completed run (it was sent with no
/// cancellation and no timeout, so a silent server wedged the queue), and the storage analysis (it scanned every
/// table synchronously on the caller's thread).
/// </summary>
public sealed class BoundedCallsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CrmServer Server => fixture.Server;

    [Fact]
    public async Task A_full_sync_acknowledgement_that_never_gets_an_answer_times_out_and_the_queue_goes_on()
    {
        var carol = Server.User("carol");
        await using var device = new Device(Server, carol.Token, new DeviceOptions { AttemptTimeout = TimeSpan.FromSeconds(1) });
        await Server.RequireFullSyncAsync(carol.Id);
        device.Handler.Plan = r => r.Path.StartsWith("/api/fullsync", StringComparison.Ordinal) ? new Fault.Hang() : null;

        var result = await device.Client.RunFullSyncAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.IsSuccess, result + " " + result.Error);
        device.Handler.Plan = null;
        var next = await device.Client.RunAsync(Device.Profile("Accounts", SyncAction.UpDownSync, SyncModules.None, "account")).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(next.IsSuccess, next + " " + next.Error);
    }

    [Fact]
    public async Task A_full_sync_acknowledgement_honours_the_runs_cancellation()
    {
        var bob = Server.User("bob");
        await using var device = new Device(Server, bob.Token);
        await Server.RequireFullSyncAsync(bob.Id);
        using var cancel = new CancellationTokenSource();
        device.Handler.Plan = r =>
        {
            if (!r.Path.StartsWith("/api/fullsync", StringComparison.Ordinal))
            {
                return null;
            }

            cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
            return new Fault.Hang();
        };

        var result = await device.Client.RunFullSyncAsync(cancel.Token).WaitAsync(TimeSpan.FromSeconds(60));

        // The data part had completed; only the acknowledgement was abandoned.
        Assert.Equal(SyncOutcome.Completed, result.Outcome);
    }

    [Fact]
    public async Task Storage_analysis_leaves_the_callers_thread_at_once_and_honours_cancellation()
    {
        var alice = Server.User("alice");
        await using var device = new Device(Server, alice.Token);
        await device.FullSyncAsync();

        var analysis = device.Client.AnalyzeStorageAsync();
        Assert.False(analysis.IsCompleted, "the scan ran on the caller's thread before the call returned");
        var report = await analysis;
        Assert.Contains(report.Entities, e => e.Entity == "account" && e.Rows > 0);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => device.Client.AnalyzeStorageAsync(new CancellationToken(canceled: true)));
    }
}
