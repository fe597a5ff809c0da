using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SmartSync.IntegrationTests.Infrastructure;
using SmartSync.ReferenceServer;

namespace SmartSync.IntegrationTests.EndToEnd;

/// <summary>
/// Values survive the download path byte for byte: the server writes SQLite's UTF-8 straight into the page, the
/// client binds the parsed text straight into its upsert. Escapes, non-BMP characters, the empty string (not NULL),
/// NULL, decimals and integers, read back from the device's SQLite file.
/// </summary>
public sealed class ValueFidelityEndToEndTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Tricky = "Quote \" backslash \\ tab \t newline \n control \u0001 <b>&amp;</b> 'apos' é 中文 😀 \u2028 end";

    private CrmServer Server => fixture.Server;

    [Fact]
    public async Task Text_empty_strings_nulls_and_numbers_arrive_exactly_as_stored_on_the_server()
    {
        var alice = Server.User("alice");
        var owned = Server.OwnedKeys("account", alice.Id);
        var tricky = owned[0];
        var empty = owned[1];
        await Server.EditRowAsync("account", tricky, new Dictionary<string, object?>
        {
            ["name"] = Tricky,
            ["telephone1"] = null,
            ["revenue"] = 1234.5m,
            ["numberofemployees"] = 42,
        });
        await Server.EditRowAsync("account", empty, new Dictionary<string, object?> { ["name"] = string.Empty, ["accountnumber"] = "x" });

        await using var device = new Device(Server, alice.Token);
        await device.FullSyncAsync();

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = device.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        var row = await ReadAsync(connection, tricky);
        Assert.Equal(Tricky, row.Name);
        Assert.True(row.TelephoneIsNull);
        Assert.Equal(1234.5m, decimal.Parse(row.Revenue!, CultureInfo.InvariantCulture));
        Assert.Equal(42L, row.Employees);

        var blank = await ReadAsync(connection, empty);
        Assert.False(blank.NameIsNull, "an empty string must not become NULL");
        Assert.Equal(string.Empty, blank.Name);
        Assert.Equal("x", blank.AccountNumber);
    }

    private static async Task<(string? Name, bool NameIsNull, bool TelephoneIsNull, string? Revenue, long? Employees, string? AccountNumber)> ReadAsync(SqliteConnection connection, string key)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, name IS NULL, telephone1 IS NULL, CAST(revenue AS TEXT), numberofemployees, accountnumber FROM account WHERE accountid = $k";
        command.Parameters.AddWithValue("$k", key);
        using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the record is on the device");
        return (
            reader.IsDBNull(0) ? null : reader.GetString(0),
            reader.GetInt64(1) == 1,
            reader.GetInt64(2) == 1,
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetInt64(4),
            reader.IsDBNull(5) ? null : reader.GetString(5));
    }
}
