using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Server.Storage.Providers;
using SmartSync.Server.Tests.Infrastructure;

namespace SmartSync.Server.Tests.Storage;

/// <summary>
/// The PostgreSQL provider's pool defaults (docs/benchmarks.md, "Server load"): repeated statements are prepared
/// on the server and stay prepared across pooled uses, a connection handed back with its transaction open is
/// rolled back (no session reset runs, so this is what keeps one request's writes out of the next), and a
/// connection string that sets the option itself wins.
/// </summary>
public sealed class PostgresPoolDefaultsTests
{
    private const string Probe = "SELECT count(*) FROM pg_class WHERE relname = 'sync_pool_probe'";

    [SkippableFact]
    public async Task Repeated_statements_are_prepared_and_an_abandoned_transaction_is_rolled_back()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var provider = new PostgresStorageProvider(database.ConnectionString);
        await using (var setup = await provider.OpenAsync(CancellationToken.None))
        {
            await ScalarAsync(setup, "CREATE TABLE pool_probe (id int)");
            for (var i = 0; i < 6; i++)
            {
                await ScalarAsync(setup, Probe);
            }

            Assert.True(await ScalarAsync(setup, "SELECT count(*) FROM pg_prepared_statements") > 0);
        }

        await using (var abandoned = await provider.OpenAsync(CancellationToken.None))
        {
            await using var transaction = await abandoned.BeginTransactionAsync();
            using var insert = abandoned.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO pool_probe VALUES (1)";
            await insert.ExecuteNonQueryAsync();

            // Returned to the pool without commit or rollback, as a request that fails mid-write would.
        }

        await using var next = await provider.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await ScalarAsync(next, "SELECT count(*) FROM pool_probe"));
        Assert.True(await ScalarAsync(next, "SELECT count(*) FROM pg_prepared_statements") > 0); // still prepared on reuse
    }

    [SkippableFact]
    public async Task A_connection_string_that_turns_preparing_off_is_respected()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var provider = new PostgresStorageProvider(database.ConnectionString + ";Max Auto Prepare=0");
        await using var connection = await provider.OpenAsync(CancellationToken.None);
        for (var i = 0; i < 6; i++)
        {
            await ScalarAsync(connection, Probe);
        }

        Assert.Equal(0, await ScalarAsync(connection, "SELECT count(*) FROM pg_prepared_statements"));
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return System.Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
