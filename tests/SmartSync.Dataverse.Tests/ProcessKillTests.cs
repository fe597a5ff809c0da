using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
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

    [Fact]
    public async Task Killed_mid_upload_with_answers_lost_the_next_run_loses_no_edit_and_applies_none_twice()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        var folder = Path.Combine(Path.GetTempPath(), "smartsync-dataverse", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "device.db");
        var updated = seed.AliceAccounts.Take(3).ToList();
        var created = new List<Guid> { Guid.NewGuid(), Guid.NewGuid() };
        var contact = Guid.NewGuid();

        // The device syncs, then the user edits three accounts, creates two, and a contact under a new one.
        await using (var before = new DataverseDevice(emulator, () => emulator.Alice.Token, pageSize: PageSize, databasePath: database, keepDatabase: true))
        {
            await before.FullSyncAsync();
            foreach (var key in updated)
            {
                await before.Client.Records.UpsertAsync("account", key.ToString(), new Dictionary<string, object?> { ["name"] = "Edited " + key });
            }

            foreach (var key in created)
            {
                await before.Client.Records.UpsertAsync("account", key.ToString(), new Dictionary<string, object?> { ["name"] = "Created " + key });
            }

            await before.Client.Records.UpsertAsync("contact", contact.ToString(), new Dictionary<string, object?> { ["lastname"] = "Under new", ["_parentcustomerid_value"] = created[0].ToString() });
        }

        // The child process uploads; the emulator applies each write but holds every answer back, and the child is killed
        // while it waits: every applied write's answer is lost.
        var accountsBefore = emulator.Admin(store => store.Rows(EmulatorSchema.ByName("account")!).Count());
        emulator.ClearRequests();
        var release = new TaskCompletionSource();
        var held = 0;
        emulator.Hold = r =>
        {
            if (r.Method == "PATCH" && r.Status is 200 or 201)
            {
                Interlocked.Increment(ref held);
                return release.Task;
            }

            return Task.CompletedTask;
        };
        try
        {
            await using var child = ChildClient.Start(emulator.EnvironmentUrl, emulator.Alice.Token, database, PageSize);

            // The account writes go up in parallel, four at a time (the child's concurrency bound; the contact waits for
            // its parent's answer): the kill comes once four were applied and none answered.
            var killed = await child.KillWhenAsync(() => Volatile.Read(ref held) >= 4, TimeSpan.FromSeconds(60));
            Assert.True(killed, $"the child ended before its writes were held ({held} held). Output:\n{child.Output}");
        }
        finally
        {
            emulator.Hold = null;
            release.TrySetResult();
        }

        var lost = emulator.Requests.Where(r => r.Method == "PATCH" && r.Status is 200 or 201).Select(r => r.Target).ToList();
        Assert.Equal(4, lost.Count);
        Assert.True(PendingChanges(database) >= 4, "the killed child's queue lost changes whose answers never came");

        // A fresh run on the file the killed process left.
        await using (var after = new DataverseDevice(
            emulator,
            () => emulator.Alice.Token,
            new Dictionary<string, ConflictStrategy> { ["account"] = ConflictStrategy.Manual, ["contact"] = ConflictStrategy.Manual },
            pageSize: PageSize,
            databasePath: database))
        {
            await after.FullSyncAsync();

            // No edit lost.
            foreach (var key in updated)
            {
                Assert.Equal("Edited " + key, emulator.Row("account", key)!.Values["name"]);
            }

            foreach (var key in created)
            {
                Assert.Equal("Created " + key, emulator.Row("account", key)!.Values["name"]);
            }

            Assert.Equal(created[0], emulator.Row("contact", contact)!.Values["_parentcustomerid_value"]);
            Assert.Equal(accountsBefore + created.Count, emulator.Admin(store => store.Rows(EmulatorSchema.ByName("account")!).Count()));

            // None applied twice: each record was written exactly once, and each retry met the moved version (412),
            // found its own values, and counted as applied: no conflict, nothing left queued.
            var writes = emulator.Requests.Where(r => r.Method == "PATCH" && r.Status is 200 or 201).GroupBy(r => r.Target).ToDictionary(g => g.Key, g => g.Count());
            foreach (var key in updated.Concat(created))
            {
                Assert.Equal(1, writes.Single(w => w.Key.EndsWith("/accounts(" + key + ")", StringComparison.Ordinal)).Value);
            }

            foreach (var target in lost)
            {
                Assert.Contains(emulator.Requests, r => r.Method == "PATCH" && r.Status == 412 && r.Target == target);
            }

            Assert.Equal(1, writes.Single(w => w.Key.EndsWith("/contacts(" + contact + ")", StringComparison.Ordinal)).Value);
            Assert.Empty(await after.Client.Records.GetSyncErrorsAsync());
            Assert.Equal(0, await after.Client.Records.CountPendingChangesAsync());
            foreach (var key in updated.Concat(created))
            {
                Assert.Equal(emulator.Row("account", key)!.ETag, (await after.Client.Records.GetAsync("account", key.ToString()))!.ETag);
            }
        }
    }

    private static long PendingChanges(string database)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + database + ";Mode=ReadOnly;Pooling=False");
        connection.Open();
        return (long)Scalar(connection, "SELECT count(*) FROM __ss_outbox")!;
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
