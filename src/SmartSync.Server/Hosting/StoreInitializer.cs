using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace SmartSync.Server.Hosting;

/// <summary>Opens the store when the app starts, so a bad data model or database fails the start, not the first request.</summary>
internal sealed class StoreInitializer(StoreHolder stores) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => stores.GetAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
