using System;
using System.Threading.Tasks;
using SmartSync.ReferenceServer;

namespace SmartSync.ReliabilityTests.Infrastructure;

/// <summary>
/// One reference server per test class. Few rows in most entities and a few bigger ones, so a small page
/// size gives several pages (and page boundaries) per entity while a full sync stays quick.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private CrmServer? _server;

    public CrmServer Server => _server ?? throw new InvalidOperationException("The server is not started.");

    public async Task InitializeAsync()
    {
        var options = new CrmServerOptions { RowsPerEntity = 6, ReferenceRowsPerEntity = 3, Port = 0 };
        options.RowCounts["account"] = 45;  // 15 owned per user: 3 pages of 7 (7, 7, 1)
        options.RowCounts["contact"] = 42;  // 14 owned per user: 2 full pages, so the delta link arrives on an empty third page
        options.RowCounts["task"] = 30;
        _server = await CrmServer.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
