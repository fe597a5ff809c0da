using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Dataverse.Tests.Emulator;
using SmartSync.Dataverse.Tests.Infrastructure;

namespace SmartSync.Dataverse.Tests;

/// <summary>Uploads through DataverseSyncTransport: conditional upserts, @odata.bind lookups, conflicts, deletes.</summary>
public sealed class UploadTests
{
    private static readonly LoadedProfile UpAll = DataverseDevice.Profile("Up", SyncAction.UpSync, SyncModules.None, SyncMethod.Default, "account", "contact", "task");

    [Fact]
    public async Task New_records_are_created_with_IfNoneMatch_and_lookups_travel_as_odata_bind()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, emulator.Alice);
        await device.FullSyncAsync();
        emulator.ClearRequests();

        var account = Guid.NewGuid();
        var contact = Guid.NewGuid();
        var child = Guid.NewGuid();
        var task = Guid.NewGuid();
        await device.Client.Records.UpsertAsync("account", account.ToString(), new Dictionary<string, object?> { ["name"] = "Fabrikam", ["revenue"] = 1234.5m });
        await device.Client.Records.UpsertAsync("contact", contact.ToString(), new Dictionary<string, object?> { ["lastname"] = "Bind", ["_parentcustomerid_value"] = account.ToString() });
        // A polymorphic lookup pointing at a contact: the navigation of the contact target is chosen.
        await device.Client.Records.UpsertAsync("contact", child.ToString(), new Dictionary<string, object?> { ["lastname"] = "Child", ["_parentcustomerid_value"] = seed.AliceContacts[0].ToString() });
        await device.Client.Records.UpsertAsync("task", task.ToString(), new Dictionary<string, object?> { ["subject"] = "Follow up", ["percentcomplete"] = 0L, ["_regardingobjectid_value"] = account.ToString() });

        var result = await device.Client.RunAsync(UpAll);

        Assert.True(result.IsSuccess, result.Message);
        var patches = emulator.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.Equal(4, patches.Count(p => p.Status == 201));
        Assert.All(patches, p =>
        {
            Assert.Equal("*", p.IfNoneMatch);
            Assert.Null(p.IfMatch);
            Assert.Equal("return=representation", p.Prefer);
        });

        // account and contact reference each other, so no order puts every parent first: the contact that binds to
        // the new account went first, found no row for its polymorphic lookup (404), stayed queued, and went up in a
        // second pass once the account existed.
        var probes = emulator.Requests.Where(r => r.Method == "GET" && r.Target == DataverseEmulator.ApiPath + "accounts(" + account + ")?$select=accountid");
        Assert.Equal([404, 200, 200], probes.Select(p => p.Status)); // the task's polymorphic regarding lookup finds it too
        Assert.Equal(201, patches.Single(p => p.Target.EndsWith("/contacts(" + contact + ")", StringComparison.Ordinal)).Status);
        Assert.Empty(await device.Client.Records.GetSyncErrorsAsync());

        var accountBody = Body(patches, "accounts(" + account + ")");
        Assert.Equal("Fabrikam", accountBody.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Number, accountBody.GetProperty("revenue").ValueKind); // Edm.Decimal as a JSON number
        foreach (var readOnly in new[] { "createdon", "modifiedon", "versionnumber", "_ownerid_value", "accountid", "entityimage" })
        {
            Assert.False(accountBody.TryGetProperty(readOnly, out _), readOnly + " must not be sent");
        }

        var contactBody = Body(patches, "contacts(" + contact + ")");
        Assert.Equal("/accounts(" + account + ")", contactBody.GetProperty("parentcustomerid_account@odata.bind").GetString());
        Assert.False(contactBody.TryGetProperty("_parentcustomerid_value", out _));
        Assert.Equal("/contacts(" + seed.AliceContacts[0] + ")", Body(patches, "contacts(" + child + ")").GetProperty("parentcustomerid_contact@odata.bind").GetString());
        Assert.Equal("/accounts(" + account + ")", Body(patches, "tasks(" + task + ")").GetProperty("regardingobjectid_account_task@odata.bind").GetString());

        // What Dataverse stored, and what the device kept of the answer (owner and version filled in by the server).
        Assert.Equal(account, emulator.Row("contact", contact)!.Values["_parentcustomerid_value"]);
        Assert.Equal(emulator.Alice.Id, emulator.Row("account", account)!.Owner);
        Assert.Equal(1234.5m, emulator.Row("account", account)!.Values["revenue"]);
        var local = await device.Client.Records.GetAsync("account", account.ToString());
        Assert.Equal(emulator.Row("account", account)!.ETag, local!.ETag);
        Assert.Equal(emulator.Alice.Id.ToString(), local.Values["_ownerid_value"]);
        Assert.Equal(0, await device.Client.Records.CountPendingChangesAsync());
    }

    [Fact]
    public async Task Updates_carry_the_devices_etag_and_deletes_are_conditional()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, emulator.Alice);
        await device.FullSyncAsync();
        emulator.ClearRequests();
        var updated = seed.AliceAccounts[0];
        var removed = seed.AliceAccounts[1];
        var etag = emulator.Row("account", updated)!.ETag;
        var removedETag = emulator.Row("account", removed)!.ETag;

        await device.Client.Records.UpsertAsync("account", updated.ToString(), new Dictionary<string, object?> { ["telephone1"] = "+1 555 9999" });
        await device.Client.Records.DeleteAsync("account", removed.ToString());
        var result = await device.Client.RunAsync(UpAll);

        Assert.True(result.IsSuccess, result.Message);
        var patch = Assert.Single(emulator.Requests, r => r.Method == "PATCH");
        Assert.Equal(etag, patch.IfMatch);
        Assert.Null(patch.IfNoneMatch);
        Assert.Equal("+1 555 9999", emulator.Row("account", updated)!.Values["telephone1"]);
        var delete = Assert.Single(emulator.Requests, r => r.Method == "DELETE");
        Assert.Equal(removedETag, delete.IfMatch);
        Assert.Equal(204, delete.Status);
        Assert.Null(emulator.Row("account", removed));
    }

    [Theory]
    [InlineData(ConflictStrategy.ServerWins)]
    [InlineData(ConflictStrategy.DeviceWins)]
    [InlineData(ConflictStrategy.Manual)]
    public async Task A_412_fetches_the_current_record_and_the_conflict_strategy_decides(ConflictStrategy strategy)
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, emulator.Alice, new Dictionary<string, ConflictStrategy> { ["account"] = strategy });
        await device.FullSyncAsync();
        var key = seed.AliceAccounts[2];
        emulator.Put("account", key, emulator.Alice.Id, ("name", "Edited in Dataverse"));
        await device.Client.Records.UpsertAsync("account", key.ToString(), new Dictionary<string, object?> { ["name"] = "Edited on the device" });
        emulator.ClearRequests();

        var result = await device.Client.RunAsync(UpAll);

        Assert.True(result.IsSuccess, result.Message);
        var requests = emulator.Requests;
        Assert.Equal(412, requests.First(r => r.Method == "PATCH").Status);
        Assert.Contains(requests, r => r.Method == "GET" && r.Target.StartsWith(DataverseEmulator.ApiPath + "accounts(" + key + ")?", StringComparison.Ordinal));
        var server = (string?)emulator.Row("account", key)!.Values["name"];
        var local = (string?)(await device.Client.Records.GetAsync("account", key.ToString()))!.Values["name"];
        switch (strategy)
        {
            case ConflictStrategy.ServerWins:
                Assert.Equal("Edited in Dataverse", server);
                Assert.Equal("Edited in Dataverse", local);
                Assert.Equal(0, await device.Client.Records.CountPendingChangesAsync());
                break;
            case ConflictStrategy.DeviceWins:
                Assert.Equal("Edited on the device", server);
                Assert.Equal("*", requests.Last(r => r.Method == "PATCH").IfMatch);
                Assert.Equal(200, requests.Last(r => r.Method == "PATCH").Status);
                Assert.Equal(0, await device.Client.Records.CountPendingChangesAsync());
                break;
            default:
                Assert.Equal("Edited in Dataverse", server);
                var error = Assert.Single(await device.Client.Records.GetSyncErrorsAsync());
                Assert.Equal(key.ToString(), error.Key);
                break;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task As_many_412s_as_request_slots_at_once_still_fetch_their_records(int maxConcurrency)
    {
        // Each 412 is followed by a GET of the record; a 412 that kept its request slot during that GET would wait for a
        // slot forever once every slot is held by a 412 (one slot, or two updates answered 412 at once with two slots).
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        await using var device = new DataverseDevice(
            emulator, () => emulator.Alice.Token, new Dictionary<string, ConflictStrategy> { ["account"] = ConflictStrategy.ServerWins }, maxConcurrency: maxConcurrency);
        await device.FullSyncAsync();
        var keys = seed.AliceAccounts.Take(4).ToList();
        foreach (var key in keys)
        {
            emulator.Put("account", key, emulator.Alice.Id, ("name", "Server " + key));
            await device.Client.Records.UpsertAsync("account", key.ToString(), new Dictionary<string, object?> { ["name"] = "Device " + key });
        }

        var release = new TaskCompletionSource();
        var held = 0;
        emulator.Hold = r =>
        {
            // The first 412s are answered together, once as many as there are slots have arrived.
            if (r.Method == "PATCH" && Interlocked.Increment(ref held) == maxConcurrency)
            {
                release.TrySetResult();
            }

            return r.Method == "PATCH" ? release.Task : Task.CompletedTask;
        };
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var result = await device.Client.RunAsync(UpAll, limit.Token);

        Assert.True(result.IsSuccess, $"{result.Outcome} {result.Message}; PATCH requests: {string.Join(", ", emulator.Requests.Where(r => r.Method == "PATCH").Select(r => r.Status))}; GETs {emulator.Requests.Count(r => r.Method == "GET")}");
        foreach (var key in keys)
        {
            Assert.Equal("Server " + key, (await device.Client.Records.GetAsync("account", key.ToString()))!.Values["name"]);
        }

        Assert.Equal(0, await device.Client.Records.CountPendingChangesAsync());
    }

    [Fact]
    public async Task A_retry_after_a_lost_answer_is_applied_not_a_conflict()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        var key = seed.AliceAccounts[0];
        await using var device = new DataverseDevice(
            emulator, () => emulator.Alice.Token, new Dictionary<string, ConflictStrategy> { ["account"] = ConflictStrategy.Manual },
            handler: new LoseFirstResponseHandler(HttpMethod.Patch, "/accounts(" + key + ")"));
        await device.FullSyncAsync();
        await device.Client.Records.UpsertAsync("account", key.ToString(), new Dictionary<string, object?> { ["name"] = "Sent twice" });

        var lost = await device.Client.RunAsync(UpAll);
        Assert.Equal(SyncOutcome.Failed, lost.Outcome);
        Assert.Equal("Sent twice", emulator.Row("account", key)!.Values["name"]); // the first attempt was applied

        var retried = await device.Client.RunAsync(UpAll);

        Assert.True(retried.IsSuccess, retried.Message);
        var patches = emulator.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.Equal(2, patches.Count);
        Assert.Equal(412, patches[1].Status); // the version moved with the first attempt
        Assert.Empty(await device.Client.Records.GetSyncErrorsAsync());
        Assert.Equal(0, await device.Client.Records.CountPendingChangesAsync());
        Assert.Equal(emulator.Row("account", key)!.ETag, (await device.Client.Records.GetAsync("account", key.ToString()))!.ETag);
    }

    [Fact]
    public async Task A_delete_of_a_record_changed_on_the_server_is_a_conflict()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, emulator.Alice);
        await device.FullSyncAsync();
        var key = seed.AliceAccounts[3];
        emulator.Put("account", key, emulator.Alice.Id, ("name", "Still needed"));
        await device.Client.Records.DeleteAsync("account", key.ToString());

        var result = await device.Client.RunAsync(UpAll);

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal(412, emulator.Requests.Single(r => r.Method == "DELETE").Status);
        Assert.NotNull(emulator.Row("account", key));
        Assert.Equal("Still needed", (await device.Client.Records.GetAsync("account", key.ToString()))!.Values["name"]); // server wins: the row is back
    }

    [Fact]
    public async Task Preparation_maps_RetrieveUserPrivileges_onto_each_table()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, emulator.Carol);
        await device.FullSyncAsync();

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + device.DatabasePath + ";Mode=ReadOnly");
        await connection.OpenAsync();
        var rows = new Dictionary<string, (bool Read, bool Create, bool Update, bool Delete)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT entity, can_read, can_create, can_update, can_delete FROM __ss_permission";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows[reader.GetString(0)] = (reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4));
            }
        }

        Assert.Equal((true, true, true, false), rows["account"]); // carol's role has no prvDeleteAccount
        Assert.Equal((true, true, true, true), rows["task"]);     // activities share the Activity privileges
        Assert.Equal((true, false, false, false), rows["systemuser"]);
    }

    private static JsonElement Body(IEnumerable<ReceivedRequest> requests, string resource) =>
        JsonDocument.Parse(requests.Last(r => r.Target.EndsWith("/" + resource, StringComparison.Ordinal)).Body).RootElement.Clone();

    [Fact]
    public async Task A_polymorphic_lookup_downloaded_with_its_lookuplogicalname_is_bound_without_probing()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, emulator.Alice);
        await device.FullSyncAsync();
        Assert.Contains(emulator.Requests, r => r.Target.StartsWith(DataverseEmulator.ApiPath + "contacts?", StringComparison.Ordinal)
            && r.Prefer!.Contains("odata.include-annotations=\"Microsoft.Dynamics.CRM.lookuplogicalname\"", StringComparison.Ordinal));
        emulator.ClearRequests();
        var contact = seed.AliceContacts[1];

        await device.Client.Records.UpsertAsync("contact", contact.ToString(), new Dictionary<string, object?> { ["emailaddress1"] = "c1@contoso.example" });
        var result = await device.Client.RunAsync(UpAll);

        Assert.True(result.IsSuccess, result.Message);
        var account = (Guid)emulator.Row("contact", contact)!.Values["_parentcustomerid_value"]!;
        Assert.Equal("/accounts(" + account + ")", Body(emulator.Requests, "contacts(" + contact + ")").GetProperty("parentcustomerid_account@odata.bind").GetString());
        // The annotation said "account": no probe of the candidate tables.
        Assert.DoesNotContain(emulator.Requests, r => r.Method == "GET" && r.Target.Contains("(" + account + ")?$select=", StringComparison.Ordinal));
        Assert.Equal("c1@contoso.example", emulator.Row("contact", contact)!.Values["emailaddress1"]);
    }
}
