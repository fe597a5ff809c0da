using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.ReferenceServer;
using SmartSync.Transport;
using SmartSync.Transport.Http;

namespace SmartSync.ReliabilityTests.Infrastructure;

/// <summary>
/// What the server shows a user, read over the wire with a plain transport (no engine, no faults): the change
/// stream of an entity page by page, the page behind a stored cursor, the keys visible through both endpoints.
/// </summary>
public sealed class ServerView(CrmServer server, string token) : IDisposable
{
    private readonly HttpClient _http = new();
    private HttpSyncTransport? _transport;

    private HttpSyncTransport Transport => _transport ??= new HttpSyncTransport(_http, new HttpSyncTransportOptions
    {
        BaseAddress = server.BaseAddress,
        AccessTokenProvider = _ => ValueTask.FromResult<string?>(token),
        MaxRetryAttempts = 0,
    });

    /// <summary>The entity's full download as the device's page size cuts it: keys and ETags per page, in stream order.</summary>
    public async Task<List<List<(string Key, string? ETag)>>> PagesAsync(string entity)
    {
        var pages = new List<List<(string, string?)>>();
        string? link = null;
        do
        {
            var (records, next) = await PageAtAsync(entity, link);
            pages.Add(records);
            link = next;
        }
        while (link is not null);

        return pages;
    }

    /// <summary>The entity's shared-records stream (<c>/api/shared</c>) as the device's page size cuts it.</summary>
    public async Task<List<List<(string Key, string? ETag)>>> SharedPagesAsync(string entity)
    {
        var pages = new List<List<(string, string?)>>();
        string? link = null;
        do
        {
            var sink = new OrderedSink();
            var page = await Transport.DownloadSharedPageAsync(new EntityDownloadRequest(server.Model.Find(entity)!, link, Device.PageSize), sink, CancellationToken.None);
            pages.Add(sink.Records);
            link = page.NextLink;
        }
        while (link is not null);

        return pages;
    }

    /// <summary>The page a link (a stored cursor) leads to, and the page's next link (null at the end).</summary>
    public async Task<(List<(string Key, string? ETag)> Records, string? NextLink)> PageAtAsync(string entity, string? link)
    {
        var sink = new OrderedSink();
        var page = await Transport.DownloadPageAsync(new EntityDownloadRequest(server.Model.Find(entity)!, link, Device.PageSize), sink, CancellationToken.None);
        return (sink.Records, page.NextLink);
    }

    /// <summary>Keys visible to the user: owned and organization-wide records plus records shared with them.</summary>
    public async Task<HashSet<string>> VisibleKeysAsync(string entity)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var definition = server.Model.Find(entity)!;
        foreach (var shared in new[] { false, true })
        {
            string? link = null;
            do
            {
                var sink = new OrderedSink();
                var request = new EntityDownloadRequest(definition, link, 500);
                var page = shared
                    ? await Transport.DownloadSharedPageAsync(request, sink, CancellationToken.None)
                    : await Transport.DownloadPageAsync(request, sink, CancellationToken.None);
                keys.UnionWith(sink.Records.ConvertAll(r => r.Key));
                link = page.NextLink;
            }
            while (link is not null);
        }

        return keys;
    }

    public void Dispose() => _http.Dispose();

    private sealed class OrderedSink : IRecordSink
    {
        public List<(string Key, string? ETag)> Records { get; } = [];

        public void Upsert(RecordValues record) => Records.Add((record.Key, record.ETag));

        public void Remove(string key)
        {
            // A first download carries no removals.
        }
    }
}
