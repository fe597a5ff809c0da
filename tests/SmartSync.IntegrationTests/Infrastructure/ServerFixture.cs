using System;
using System.Threading.Tasks;
using SmartSync.ReferenceServer;

namespace SmartSync.IntegrationTests.Infrastructure;

/// <summary>One reference server per test class: small seeded data, temporary SQLite file, free loopback port.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private CrmServer? _server;

    public CrmServer Server => _server ?? throw new InvalidOperationException("The server is not started.");

    public async Task InitializeAsync()
    {
        _server = await CrmServer.StartAsync(new CrmServerOptions { RowsPerEntity = 150, ReferenceRowsPerEntity = 10, Port = 0 });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
