using System;
using System.Threading.Tasks;
using Npgsql;

namespace SmartSync.Server.Tests.Infrastructure;

/// <summary>
/// A fresh database on the PostgreSQL server named by <c>SMARTSYNC_TEST_POSTGRES</c> (eng/start-postgres.sh),
/// dropped on dispose. Without that variable the test is skipped, except in CI (CI=true or
/// SMARTSYNC_REQUIRE_POSTGRES=1, which .ci/run sets), where it fails.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string Variable = "SMARTSYNC_TEST_POSTGRES";

    private readonly string _admin;
    private readonly string _name;

    private PostgresTestDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>The server's connection string; skips the test (fails it under CI=true) when there is none.</summary>
    public static string RequireServer()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(admin))
        {
            return admin;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            || Environment.GetEnvironmentVariable("SMARTSYNC_REQUIRE_POSTGRES") == "1")
        {
            throw new InvalidOperationException($"CI (CI=true or SMARTSYNC_REQUIRE_POSTGRES=1) but {Variable} is not set: .ci/run starts PostgreSQL and sets it; PostgreSQL tests never skip in CI.");
        }

        Skip.If(true, $"{Variable} is not set (start one with: eval \"$(eng/start-postgres.sh)\").");
        return string.Empty;
    }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var admin = RequireServer();
        var name = "ss_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 50 };
        return new PostgresTestDatabase(admin, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
