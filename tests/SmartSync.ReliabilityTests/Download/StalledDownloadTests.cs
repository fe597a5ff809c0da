using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.ReferenceServer;

namespace SmartSync.ReliabilityTests.Download;

/// <summary>
/// A page that stalls mid-body (a stuck connection) must not stall the app: the download holds no database
/// lock while a page is on the wire, so app writes go through during the stall, and none of them is lost.
/// </summary>
public sealed class StalledDownloadTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);

    private CrmServer Server => fixture.Server;

    [Fact]
    public async Task App_writes_complete_while_a_page_stalls_mid_body_and_none_is_lost()
    {
        var alice = Server.User("alice");
        await using var device = new Device(Server, alice.Token);
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        device.Handler.Plan = r => r.IsEntityPage && r.Index == 3 ? new Fault.StallAfter(300, stalled, resume.Task) : null;

        var sync = device.Client.RunFullSyncAsync();
        var keys = new List<string>();
        Task writes;
        try
        {
            await stalled.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var clock = Stopwatch.StartNew();
            writes = WriteAsync(device, keys, 20);
            var finished = await Task.WhenAny(writes, Task.Delay(StallLimit));
            Assert.False(sync.IsCompleted, "the sync must still be stalled while the writes run");
            Assert.True(
                finished == writes,
                $"app writes waited on the stalled download: {keys.Count} of 20 completed in {clock.Elapsed.TotalSeconds:F1} s while the page was stuck");
            await writes;
        }
        finally
        {
            resume.TrySetResult();
        }

        var first = await sync;
        Assert.True(first.IsSuccess, first + " " + first.Error);

        // Nothing lost: every write is on the device, and the next run puts every one of them on the server.
        var local = device.Snapshot();
        Assert.All(keys, key => Assert.True(local.Rows("task").ContainsKey(key), $"task {key} written during the stall is missing on the device"));
        device.Handler.Plan = null;
        await device.FullSyncAsync();
        var onServer = Server.OwnedKeys("task", alice.Id, max: 100_000).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(keys, key => Assert.Contains(key, onServer));
    }

    private static async Task WriteAsync(Device device, List<string> keys, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var key = Guid.NewGuid().ToString("D");
            await device.Client.Records.UpsertAsync("task", key, new Dictionary<string, object?> { ["subject"] = "written during a stalled download " + i });
            keys.Add(key);
        }
    }
}
