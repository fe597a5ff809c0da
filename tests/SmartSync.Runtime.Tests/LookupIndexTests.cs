using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SmartSync.Runtime.Tests.Fakes;
using SmartSync.Transport;
using Xunit;

namespace SmartSync.Runtime.Tests;

/// <summary>
/// A first full download into an empty table builds its lookup indexes once at the end instead of row by row
/// (docs/runtime.md). Whatever happens, the indexes the app's queries rely on are there afterwards: after a
/// completed download, after one that failed half-way, and after a process that ended in between.
/// </summary>
public sealed class LookupIndexTests
{
    private static readonly string[] Entities = ["account", "contact", "task"];

    [Fact]
    public async Task A_first_full_download_ends_with_every_lookup_index()
    {
        await using var h = new SyncHarness();
        Seed(h);
        var client = h.Client(pageSize: 10);

        Assert.True((await client.RunFullSyncAsync()).IsSuccess);

        AssertAllIndexes(h);
        Assert.Equal(0, h.Scalar("SELECT COUNT(*) FROM __ss_settings WHERE name LIKE 'deferred_lookup_indexes:%'"));
    }

    [Fact]
    public async Task A_first_full_download_that_fails_half_way_still_leaves_every_lookup_index()
    {
        await using var h = new SyncHarness();
        Seed(h);
        var client = h.Client(pageSize: 10);
        h.Server.FailAfterRecords = 55;

        var failed = await client.RunFullSyncAsync();

        Assert.Equal(SyncOutcome.Failed, failed.Outcome);
        Assert.IsType<TransportUnavailableException>(failed.Error);
        Assert.True(h.Scalar("SELECT COUNT(*) FROM account") > 0, "the download got past its first pages");
        AssertAllIndexes(h);
    }

    [Fact]
    public async Task Indexes_a_download_left_dropped_when_the_process_ended_are_rebuilt_when_the_store_opens()
    {
        await using var h = new SyncHarness();
        Seed(h);
        await using (var first = h.Client(pageSize: 10))
        {
            Assert.True((await first.RunFullSyncAsync()).IsSuccess);
        }

        // What a process killed between the first page and the end of a first download leaves behind.
        var dropped = Indexes(h, "task");
        Assert.NotEmpty(dropped);
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = h.DatabasePath, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = string.Concat(dropped.Select(name => "DROP INDEX \"" + name + "\"; ")) +
                "INSERT INTO __ss_settings (name, value) VALUES ('deferred_lookup_indexes:task', '1');";
            command.ExecuteNonQuery();
        }

        Assert.Empty(Indexes(h, "task"));
        await using var reopened = h.Client(pageSize: 10);
        await reopened.Records.QueryAsync("task");

        Assert.Equal(dropped, Indexes(h, "task"));
        Assert.Equal(0, h.Scalar("SELECT COUNT(*) FROM __ss_settings WHERE name LIKE 'deferred_lookup_indexes:%'"));
    }

    private static void Seed(SyncHarness h)
    {
        h.Seed("account", 50);
        h.Seed("contact", 40);
        h.Seed("task", 37);
    }

    /// <summary>Each downloaded table has one index per lookup column of its definition.</summary>
    private static void AssertAllIndexes(SyncHarness h)
    {
        foreach (var entity in Entities)
        {
            var definition = SyncHarness.Model.Find(entity)!;
            var expected = definition.Lookups
                .Select(l => l.ForeignKey)
                .Where(c => c is not null && c != definition.Key && definition.FindProperty(c) is not null)
                .Distinct()
                .Select(c => "__ix_" + entity + "__" + c)
                .OrderBy(n => n, System.StringComparer.Ordinal)
                .ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, Indexes(h, entity));
        }
    }

    private static System.Collections.Generic.List<string> Indexes(SyncHarness h, string table) =>
        h.Query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '" + table + "' AND name LIKE '\\_\\_ix\\_%' ESCAPE '\\' ORDER BY name")
            .Select(r => (string)r[0]!)
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .ToList();
}
