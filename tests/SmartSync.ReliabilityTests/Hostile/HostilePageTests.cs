using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.ReferenceServer;
using SmartSync.Transport;

namespace SmartSync.ReliabilityTests.Hostile;

/// <summary>
/// Matrix item 4, through the whole engine: a hostile page in the middle of a real delta download fails the run with
/// a <see cref="SyncPayloadException"/> naming the entity and the position, as a result (no exception escapes), and
/// nothing of that page is written even though the records before the bad one were valid. The
/// transport-level cases (every malformation kind) are in the integration tests' HttpTransportHostileServerTests.
/// </summary>
public sealed class HostilePageTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string ValidRecord = """{"@odata.etag":"W/\"1\"","accountid":"6f1e3c1a-0000-4000-8000-000000000001","name":"valid, before the bad one"}""";

    private CrmServer Server => fixture.Server;

    public static TheoryData<string> Cases => new()
    {
        "malformed JSON", "wrong type", "missing key", "unknown attribute", "SQL-looking attribute", "SQL-looking key",
        "ends mid-record", "100 MB string",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_page_fails_the_run_as_a_result_and_writes_nothing_of_that_page(string name)
    {
        await using var device = new Device(Server, Server.User("alice").Token);
        await device.FullSyncAsync();
        var before = device.Snapshot();
        GeneratedBodyStream? huge = null;
        var link = Server.BaseAddress + "odata/accounts?$deltatoken=hostile";
        device.Handler.Plan = r => !r.IsEntityPage ? null : new Fault.Body(() =>
        {
            if (name == "100 MB string")
            {
                huge = new GeneratedBodyStream("{\"value\":[" + ValidRecord + ",{\"accountid\":\"6f1e3c1a-0000-4000-8000-000000000002\",\"name\":\"", (byte)'x', 100L * 1024 * 1024, "\"}],\"@odata.deltaLink\":\"" + link + "\"}");
                return huge;
            }

            return new MemoryStream(Encoding.UTF8.GetBytes(Page(name, link)));
        });

        var result = await device.Client.RunAsync(Device.Profile("Accounts", SyncAction.DownSync, SyncModules.None, "account"));

        Assert.Equal(SyncOutcome.Failed, result.Outcome);
        var error = Assert.IsType<SyncPayloadException>(result.Error);
        Assert.Equal("account", error.Entity);
        Assert.False(string.IsNullOrWhiteSpace(error.Position), name);
        Assert.Contains("account", error.Message, StringComparison.Ordinal);
        var after = device.Snapshot();
        StoreSnapshot.AssertSameData(before, after, name);
        Assert.Equal(before.Cursors, after.Cursors);
        Assert.DoesNotContain("6f1e3c1a-0000-4000-8000-000000000001", after.Rows("account").Keys);
        if (huge is not null)
        {
            Assert.True(huge.Served < 100L * 1024 * 1024, $"the 100 MB value should be rejected while streaming, but {huge.Served} bytes were read");
        }

        // The device is not stuck: with the server sane again, the next run completes.
        device.Handler.Plan = null;
        Assert.True((await device.Client.RunAsync(Device.Profile("Accounts", SyncAction.DownSync, SyncModules.None, "account"))).IsSuccess);
        Assert.Equal(before.Rows("account"), device.Snapshot().Rows("account"));
    }

    private static string Page(string name, string link)
    {
        var bad = name switch
        {
            "malformed JSON" => """{"accountid":"6f1e3c1a-0000-4000-8000-000000000002",,"name":"x"}""",
            "wrong type" => """{"accountid":"6f1e3c1a-0000-4000-8000-000000000002","numberofemployees":"twelve"}""",
            "missing key" => """{"name":"no key"}""",
            "unknown attribute" => """{"accountid":"6f1e3c1a-0000-4000-8000-000000000002","hacked":1}""",
            "SQL-looking attribute" => """{"accountid":"6f1e3c1a-0000-4000-8000-000000000002","name\"; DROP TABLE account; --":"x"}""",
            "SQL-looking key" => """{"accountid":"x'); DROP TABLE account; --","name":"x"}""",
            "ends mid-record" => """{"accountid":"6f1e3c1a-0000-4000-8000-000000000002","name":"Con""",
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        return name == "ends mid-record"
            ? "{\"value\":[" + ValidRecord + "," + bad
            : "{\"value\":[" + ValidRecord + "," + bad + "],\"@odata.deltaLink\":\"" + link + "\"}";
    }
}
