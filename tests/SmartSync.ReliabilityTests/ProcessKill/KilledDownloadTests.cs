using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.ReferenceServer;

namespace SmartSync.ReliabilityTests.ProcessKill;

/// <summary>
/// Matrix item 1 with a real process kill: a child client's first full sync is killed once the server has sent
/// N records. The file it leaves is a whole-page prefix of every entity's stream with cursors never ahead of the
/// data, and an in-process client on the same file then converges to exactly what an undisturbed device holds.
/// </summary>
[Collection(nameof(ProcessKillCollection))]
public sealed class KilledDownloadTests(ProcessKillServerFixture fixture)
{
    private CrmServer Server => fixture.Server;

    [Fact]
    public async Task Killed_at_several_points_of_a_first_download_leaves_a_stream_prefix_and_the_next_run_converges()
    {
        var alice = Server.User("alice");
        using var view = new ServerView(Server, alice.Token);
        await using var reference = new Device(Server, alice.Token);
        Server.Counters.Reset();
        await reference.FullSyncAsync();
        var expected = reference.Snapshot();
        var total = Server.Counters.RecordsSent;
        Assert.True(total > 500, $"the server should send many pages, sent {total} records");

        var partial = 0;

        // Kill points spread over the download (records the server sent to the child): early, middle, late.
        foreach (var fraction in new[] { 0.02, 0.3, 0.6, 0.85 })
        {
            var records = (long)(total * fraction);
            var because = $"killed after {records} records sent";
            var folder = Device.NewFolder();
            var database = Path.Combine(folder, "device.db");
            Server.Counters.Reset();
            await using (var child = ChildClient.Start(Server.BaseAddress, alice.Token, database, Device.PageSize))
            {
                var killed = await child.KillWhenAsync(() => Server.Counters.RecordsSent >= records, TimeSpan.FromSeconds(60));
                Assert.True(killed, $"{because}: the child ended (or stalled) before the kill point; sent {Server.Counters.RecordsSent}. Output:\n{child.Output}");
            }

            Assert.True(File.Exists(database), because + ": the child created no database");
            var left = StoreSnapshot.Read(database);
            await Consistency.AssertEachEntityIsAStreamPrefixAsync(left, view, because);
            partial += left.Tables.Values.Sum(t => t.Count) < expected.Tables.Values.Sum(t => t.Count) ? 1 : 0;

            await using var resumed = new Device(Server, alice.Token, folder: folder);
            await resumed.FullSyncAsync();
            StoreSnapshot.AssertSameData(expected, resumed.Snapshot(), because);
        }

        // The kills really landed inside the download (not after the child had everything on disk).
        Assert.True(partial >= 2, $"only {partial} kill(s) left a partial store");
    }
}
