using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Definitions.Parsing;
using SmartSync.Runtime.Tests.Fakes;
using SmartSync.Storage;
using Xunit;

namespace SmartSync.Runtime.Tests;

public sealed class StoreTests
{
    private const string HostileCsdl = """
        <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
          <edmx:DataServices>
            <Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <EntityType Name="note">
                <Key><PropertyRef Name="noteid" /></Key>
                <Property Name="noteid" Type="Edm.Guid" Nullable="false" />
                <Property Name="text" Type="Edm.String" />
                <Property Name="size" Type="Edm.Int64" />
                <Property Name="ratio" Type="Edm.Double" />
                <Property Name="data" Type="Edm.Binary" />
              </EntityType>
              <EntityType Name="x; DROP TABLE note; --">
                <Key><PropertyRef Name="id" /></Key>
                <Property Name="id" Type="Edm.String" Nullable="false" />
              </EntityType>
              <EntityType Name="sneaky">
                <Key><PropertyRef Name="id" /></Key>
                <Property Name="id" Type="Edm.String" Nullable="false" />
                <Property Name="__state" Type="Edm.Int32" />
              </EntityType>
              <EntityContainer Name="c">
                <EntitySet Name="notes" EntityType="ns.note" />
                <EntitySet Name="bad" EntityType="ns.x; DROP TABLE note; --" />
                <EntitySet Name="sneakies" EntityType="ns.sneaky" />
              </EntityContainer>
            </Schema>
          </edmx:DataServices>
        </edmx:Edmx>
        """;

    [Theory]
    [InlineData("account", true)]
    [InlineData("_x1", true)]
    [InlineData("1abc", false)]
    [InlineData("a b", false)]
    [InlineData("a\"b", false)]
    [InlineData("__etag", false)]
    [InlineData("", false)]
    public void Identifiers_are_checked_before_they_reach_SQL(string name, bool valid)
    {
        Assert.Equal(valid, SqlIdentifier.IsValid(name));
        if (valid)
        {
            Assert.Equal("\"" + name + "\"", SqlIdentifier.Quote(name));
        }
        else
        {
            Assert.Throws<System.InvalidOperationException>(() => SqlIdentifier.Quote(name));
        }
    }

    [Fact]
    public async Task Entities_with_unusable_names_are_skipped_and_the_rest_is_stored()
    {
        var read = CsdlParser.Parse(HostileCsdl, "hostile.csdl");
        Assert.NotNull(read.Model);
        await using var h = new SyncHarness();
        var server = new InMemoryCrmServer(HostileCsdl, read.Model!);
        server.Put("note", "n1", new Dictionary<string, object?> { ["text"] = "it's \"quoted\"; DROP TABLE note;", ["size"] = 5L, ["ratio"] = 0.25, ["data"] = new byte[] { 1, 2 } });
        var client = h.Client(transport: server);

        var result = await client.RunFullSyncAsync();

        Assert.True(result.IsSuccess, result.Message);
        var tables = h.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_\\_ss\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'").Select(r => (string)r[0]!).ToList();
        Assert.Equal(new[] { "note" }, tables);
        var note = (await client.Records.GetAsync("note", "n1"))!;
        Assert.Equal("it's \"quoted\"; DROP TABLE note;", note.Values["text"]);
        Assert.Equal(5L, note.Values["size"]);
        Assert.Equal(0.25, note.Values["ratio"]);
        Assert.Equal(new byte[] { 1, 2 }, note.Values["data"]);
        var log = (await client.GetSyncLogAsync()).Single();
        Assert.Contains(log.Lines, l => l.Contains("'sneaky' skipped"));
        await Assert.ThrowsAsync<System.ArgumentException>(() => client.Records.QueryAsync("sneaky"));
    }

    [Fact]
    public async Task App_writes_queue_in_the_outbox_with_a_monotonic_sequence_and_notify()
    {
        await using var h = new SyncHarness();
        var keys = h.Seed("account", 2);
        var client = h.Client();
        await client.RunFullSyncAsync();
        var changes = new List<RecordChange>();
        client.Records.RecordChanged += (_, change) => changes.Add(change);

        var s1 = await client.Records.UpsertAsync("account", keys[0], new Dictionary<string, object?> { ["name"] = "one", ["numberofemployees"] = 3, ["revenue"] = 12.5m });
        var s2 = await client.Records.UpsertAsync("account", "new-key", new Dictionary<string, object?> { ["name"] = "two" });
        var s3 = await client.Records.DeleteAsync("account", keys[1]);
        var missing = await client.Records.DeleteAsync("account", "no-such-key");

        Assert.True(s1 < s2 && s2 < s3);
        Assert.Null(missing);
        Assert.Equal(new[] { s1, s2, s3!.Value }, changes.Select(c => c.Sequence));
        Assert.Equal(RecordChangeKind.Deleted, changes[2].Kind);
        Assert.Equal(3, await client.Records.CountPendingChangesAsync());
        var one = (await client.Records.GetAsync("account", keys[0]))!;
        Assert.True(one.HasPendingChanges);
        Assert.Equal(3L, one.Values["numberofemployees"]);
        Assert.Equal("12.5", one.Values["revenue"]);
        Assert.Null(await client.Records.GetAsync("account", keys[1]));
        Assert.Equal(2, (await client.Records.QueryAsync("account")).Count);
        await Assert.ThrowsAsync<System.ArgumentException>(() => client.Records.UpsertAsync("account", "k", new Dictionary<string, object?> { ["nosuchattribute"] = 1 }));
        await Assert.ThrowsAsync<System.ArgumentException>(() => client.Records.GetAsync("nosuchentity", "k"));
    }

    [Fact]
    public async Task Records_need_a_data_model_first()
    {
        await using var h = new SyncHarness();
        var client = h.Client();

        await Assert.ThrowsAsync<System.InvalidOperationException>(() => client.Records.QueryAsync("account"));
        Assert.Empty(await client.Records.GetEntitiesAsync());
    }
}
