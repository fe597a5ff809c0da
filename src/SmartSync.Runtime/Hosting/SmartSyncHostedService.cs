using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SmartSync.Hosting;

/// <summary>
/// Ties the client to the host's lifetime: on start it opens the local database, becomes
/// <see cref="SmartSyncClient.Default"/> when none is set and arms the triggers; on stop it disarms them
/// and waits for the runs they started. The container disposes the client afterwards.
/// </summary>
public sealed class SmartSyncHostedService : IHostedService
{
    private readonly SmartSyncClient _client;
    private readonly SmartSyncHostingOptions _options;

    public SmartSyncHostedService(SmartSyncClient client, IOptions<SmartSyncHostingOptions> options)
    {
        _client = client;
        _options = options.Value;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _client.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (_options.SetAsDefault)
        {
            SmartSyncClient.TrySetDefault(_client);
        }

        if (_options.StartTriggers)
        {
            _client.StartTriggers();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _client.StopTriggersAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        SmartSyncClient.ClearDefault(_client);
    }
}
