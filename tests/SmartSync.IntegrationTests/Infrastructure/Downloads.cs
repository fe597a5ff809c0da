using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;
using SmartSync.Transport;

namespace SmartSync.IntegrationTests.Infrastructure;

/// <summary>Follows next links until the delta link, as the engine does.</summary>
public static class Downloads
{
    public static async Task<(CollectingSink Sink, string DeltaLink, int Pages)> AllPagesAsync(
        ISyncTransport transport, EntityTypeDefinition entity, string? link = null, int pageSize = 50, bool shared = false)
    {
        var sink = new CollectingSink();
        var pages = 0;
        while (true)
        {
            var request = new EntityDownloadRequest(entity, link, pageSize);
            var page = shared
                ? await transport.DownloadSharedPageAsync(request, sink, CancellationToken.None)
                : await transport.DownloadPageAsync(request, sink, CancellationToken.None);
            pages++;
            if (page.DeltaLink is not null)
            {
                return (sink, page.DeltaLink, pages);
            }

            link = page.NextLink;
        }
    }
}
