using System;
using System.Threading.Tasks;
using SmartSync.ReferenceServer;

namespace SmartSync.Data.Tests.Infrastructure;

/// <summary>One reference server (Kestrel on 127.0.0.1, its own SQLite file) shared by the data-access tests.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private CrmServer? _server;

    public CrmServer Server => _server ?? throw new InvalidOperationException("The server is not started.");

    public async Task InitializeAsync()
    {
        _server = await CrmServer.StartAsync(new CrmServerOptions { RowsPerEntity = 40, ReferenceRowsPerEntity = 5, Port = 0 });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "reference server";
}
