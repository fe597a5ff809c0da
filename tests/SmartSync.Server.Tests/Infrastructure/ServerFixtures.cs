using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.ReferenceServer;

namespace SmartSync.Server.Tests.Infrastructure;

/// <summary>One reference server (a thin host of the library) per test class, started on first use.</summary>
public abstract class ServerFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CrmServer? _server;

    public abstract string Provider { get; }

    public async Task<CrmServer> StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _server ??= await CrmServer.StartAsync(await OptionsAsync());
        }
        finally
        {
            _gate.Release();
        }
    }

    protected abstract Task<CrmServerOptions> OptionsAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public static CrmServerOptions Small() => new() { RowsPerEntity = 60, ReferenceRowsPerEntity = 5, Port = 0 };
}

public sealed class SqliteServerFixture : ServerFixture
{
    public override string Provider => "sqlite";

    protected override Task<CrmServerOptions> OptionsAsync() => Task.FromResult(Small());
}

public sealed class PostgresServerFixture : ServerFixture
{
    private PostgresTestDatabase? _database;

    public override string Provider => "postgres";

    protected override async Task<CrmServerOptions> OptionsAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        var options = Small();
        options.PostgresConnectionString = _database.ConnectionString;
        return options;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public static class Http
{
    public static HttpClient Client(CrmServer server, string? token, string? device = null)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (device is not null)
        {
            client.DefaultRequestHeaders.Add("X-SmartSync-Device", device);
        }

        return client;
    }
}
