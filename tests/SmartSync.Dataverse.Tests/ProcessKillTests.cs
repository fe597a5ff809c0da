using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using SmartSync.Dataverse.Tests.Emulator;
using SmartSync.Dataverse.Tests.Infrastructure;

namespace SmartSync.Dataverse.Tests;

/// <summary>
/// A device process killed for real during its first full sync through DataverseSyncTransport: the file it leaves holds
/// whole pages of each table's stream with the cursor exactly after them, and the next run resumes from that nextLink
/// and converges on what the user may read.
/// </summary>
public sealed class ProcessKillTests
{
    private const int PageSize = 5;

    [Fact]
    public async Task Killed_mid_download_leaves_whole_pages_and_the_next_run_resumes_from_the_stored_nextLink()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        Seed.Apply(emulator);
        for (var i = 0; i < 400; i++)
        {
            emulator.Put("account", Seed.Key(7, i), emulator.Alice.Id, ("name", "Bulk " + i));
        }

        var expected = emulator.Admin(store => store.Rows(EmulatorSchema.ByName("account")!).Where(r => r.Owner == emulator.Alice.Id).Select(r => r.Key).Order().ToList());
        var killedInside = 0;
        var resumedFromLink = 0;
        foreach (var fraction in new[] { 0.1, 0.5, 0.9 })
        {
            var folder = Path.Combine(Path.GetTempPath(), "smartsync-dataverse", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var database = Path.Combine(folder, "device.db");
            var sentBefore = emulator.RecordsSent("account");
            var killAt = (int)(expected.Count * fraction);
            var because = $"killed after {killAt} accounts sent";
            await using (var child = ChildClient.Start(emulator.EnvironmentUrl, emulator.Alice.Token, database, PageSize))
            {
                var killed = await child.KillWhenAsync(() => emulator.RecordsSent("account") - sentBefore >= killAt, TimeSpan.FromSeconds(120));
                Assert.True(killed, $"{because}: the child ended first. Output:\n{child.Output}");
            }

            // What the killed process left: whole pages, in the stream's order (key order), the cursor right after them.
            var (left, cursor) = Read(database);
            Assert.Equal(expected.Take(left.Count), left);
            if (left.Count < expected.Count)
            {
                killedInside++;
                Assert.True(left.Count % PageSize == 0, $"{because}: {left.Count} accounts is not whole pages");
                if (left.Count > 0)
                {
                    Assert.NotNull(cursor);
                    Assert.Contains("after=\"" + left[^1] + "\"", Uri.UnescapeDataString(cursor), StringComparison.Ordinal);
                }
            }

            emulator.ClearRequests();
            await using (var resumed = new DataverseDevice(emulator, () => emulator.Alice.Token, pageSize: PageSize, databasePath: database))
            {
                await resumed.FullSyncAsync();
                Assert.Equal(expected, (await resumed.KeysAsync("account")).Order().ToList());
                if (cursor is not null && cursor.Contains("$skiptoken=", StringComparison.Ordinal))
                {
                    // The download went on from the stored nextLink (accepted only byte for byte), not from the start.
                    var first = emulator.Requests.First(r => r.Target.Contains("/accounts?", StringComparison.Ordinal) && r.Target.Contains("name", StringComparison.Ordinal));
                    Assert.Contains("$skiptoken=", first.Target, StringComparison.Ordinal);
                    Assert.Equal(200, first.Status);
                    resumedFromLink++;
                }
            }
        }

        Assert.True(killedInside >= 2, $"only {killedInside} kill(s) landed inside the account download");
        Assert.True(resumedFromLink >= 1, "no kill left a stored nextLink to resume from");
    }

    private static (List<Guid> Accounts, string? Cursor) Read(string database)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + database + ";Mode=ReadOnly;Pooling=False");
        connection.Open();
        var cursor = Scalar(connection, "SELECT cursor FROM __ss_cursor WHERE module = 'download' AND entity = 'account'") as string;
        var accounts = new List<Guid>();
        if (Scalar(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'account'") is not null)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT accountid FROM account";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                accounts.Add(Guid.Parse(reader.GetString(0)));
            }
        }

        accounts.Sort();
        return (accounts, cursor);
    }

    private static object? Scalar(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
