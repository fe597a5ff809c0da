using System.Threading.Tasks;
using SmartSync.ReferenceServer;

namespace SmartSync.ReliabilityTests.ProcessKill;

/// <summary>
/// A server with enough rows that a child client's first full sync (7 records a page) takes many pages, so a
/// kill lands in the middle of it rather than after it.
/// </summary>
public sealed class ProcessKillServerFixture : IAsyncLifetime
{
    private CrmServer? _server;

    public CrmServer Server => _server!;

    public async Task InitializeAsync()
    {
        var options = new CrmServerOptions { RowsPerEntity = 30, ReferenceRowsPerEntity = 5, Port = 0 };
        options.RowCounts["account"] = 600;
        options.RowCounts["contact"] = 450;
        options.RowCounts["task"] = 300;
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
