using System;
using System.Threading.Tasks;
using SmartSync.Dataverse.Tests.Emulator;
using SmartSync.Dataverse.Tests.Infrastructure;
using SmartSync.Transport;

namespace SmartSync.Dataverse.Tests;

/// <summary>
/// A broken or hostile environment answers with a body of 64 MB: the transport reads no more than its bound, fails
/// the run with a clear error, and the next normal run completes.
/// </summary>
public sealed class BodyLimitTests
{
    private const long Bound = 1024 * 1024;

    public static TheoryData<string, bool> Cases
    {
        get
        {
            var cases = new TheoryData<string, bool>();
            foreach (var which in new[] { "error", "whoami", "privileges", "metadata", "keys", "record" })
            {
                cases.Add(which, true);
                cases.Add(which, false);
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_oversized_body_is_not_buffered_and_fails_the_run_clearly(string which, bool announced)
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        var counting = new CountingHandler();
        await using var device = new DataverseDevice(
            emulator, () => emulator.Alice.Token, strategies: null, handler: counting, configure: options =>
            {
                options.MaxDocumentBytes = Bound;
                options.MaxMetadataBytes = Bound;
            });
        await device.FullSyncAsync();
        var account = seed.AliceAccounts[0];
        var run = (Func<Task<SyncResult>>)(() => device.Client.RunFullSyncAsync());
        emulator.Oversized = which switch
        {
            "error" => new OversizedBody(t => t.EndsWith("/WhoAmI", StringComparison.Ordinal), 500, """{"error":{"code":"0x80040216","message":" """),
            "whoami" => new OversizedBody(t => t.EndsWith("/WhoAmI", StringComparison.Ordinal), 200,
                $$"""{"UserId":"{{emulator.Alice.Id}}","BusinessUnitId":"{{emulator.BusinessUnitId}}","OrganizationId":"{{emulator.OrganizationId}}","Padding":" """),
            "privileges" => new OversizedBody(t => t.Contains("RetrieveUserPrivileges", StringComparison.Ordinal), 200, """{"RolePrivileges":[{"PrivilegeName":" """),
            "metadata" => new OversizedBody(t => t.EndsWith("/$metadata", StringComparison.Ordinal), 200,
                """<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><!-- """, "application/xml"),
            "keys" => new OversizedBody(t => t.EndsWith("/accounts?$select=accountid", StringComparison.Ordinal), 200, """{"value":[{"accountid":" """),
            // The 412 of an update fetches the current record: that record is the oversized body.
            "record" => new OversizedBody(t => t.Contains("accounts(" + account + ")?$select=", StringComparison.Ordinal), 200, """{"@odata.etag":"W/\"1\"","name":" """),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };
        emulator.Oversized = new OversizedBody(emulator.Oversized.Matches, emulator.Oversized.Status, emulator.Oversized.Prefix, emulator.Oversized.ContentType) { Announced = announced };
        if (which == "record")
        {
            await device.Client.Records.UpsertAsync("account", account.ToString(), new System.Collections.Generic.Dictionary<string, object?> { ["name"] = "Device edit" });
            emulator.Put("account", account, emulator.Alice.Id, ("name", "Server edit"));
            run = () => device.Client.RunAsync(DataverseDevice.Profile("Up", SyncAction.UpSync, SyncModules.None, SyncMethod.Default, "account"));
        }

        var failed = await run();

        Assert.True(emulator.Oversized.Served > 0, "the oversized answer was never asked for");
        Assert.True(
            counting.MostReadFromOneBody > 0 && counting.MostReadFromOneBody <= 2 * Bound,
            $"the transport read {counting.MostReadFromOneBody:N0} bytes of a {emulator.Oversized.Length:N0}-byte body; {failed.Outcome} {failed.Message}");
        if (which == "record")
        {
            // The conflict could not be read: the change stays queued or becomes a sync error, never applied blindly.
            Assert.Equal("Server edit", emulator.Row("account", account)!.Values["name"]);
        }
        else
        {
            Assert.Equal(SyncOutcome.Failed, failed.Outcome);
            Assert.True(failed.Message!.Length < 2000, failed.Message);
            if (which != "error")
            {
                Assert.IsType<SyncPayloadException>(failed.Error);
            }
        }

        emulator.Oversized = null;
        var again = await device.Client.RunFullSyncAsync();
        Assert.True(again.IsSuccess, again.Message);
    }
}
