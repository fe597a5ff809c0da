using System;
using System.Threading.Tasks;
using SmartSync.ReferenceServer;
using Xunit;

namespace SmartSync.Tests.Shared;

/// <summary>
/// One reference server (Kestrel on a free 127.0.0.1 port, its own temporary SQLite file) for a test class or
/// collection; each test project's fixture only says how much data to seed.
/// </summary>
public abstract class ReferenceServerFixture : IAsyncLifetime
{
    private CrmServer? _server;

    public CrmServer Server => _server ?? throw new InvalidOperationException("The server is not started.");

    public async Task InitializeAsync() => _server = await CrmServer.StartAsync(CreateOptions());

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>The seeded data and port of this project's server.</summary>
    protected abstract CrmServerOptions CreateOptions();
}
