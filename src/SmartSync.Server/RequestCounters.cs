using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace SmartSync.Server;

/// <summary>
/// What the server sent, so tests and benchmarks can prove that an incremental sync brought only
/// changed rows. Thread-safe; reset through the admin API.
/// </summary>
public sealed class RequestCounters
{
    private readonly ConcurrentDictionary<string, long> _recordsByEntity = new(System.StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _requestsByEndpoint = new(System.StringComparer.Ordinal);
    private const int MaxEndpoints = 1000;
    private long _requests;
    private long _recordsSent;
    private long _visibleKeyPages;

    /// <summary>HTTP requests served (authenticated or not).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Records (changed + removed entries) sent by the entity and shared endpoints.</summary>
    public long RecordsSent => Interlocked.Read(ref _recordsSent);

    /// <summary>Pages of visible keys served (<c>/api/visiblekeys</c>): the client's cleanup key walks.</summary>
    public long VisibleKeyPages => Interlocked.Read(ref _visibleKeyPages);

    /// <summary>Records sent per entity logical name.</summary>
    public IReadOnlyDictionary<string, long> RecordsByEntity => _recordsByEntity.ToDictionary(p => p.Key, p => p.Value, System.StringComparer.Ordinal);

    public long RecordsSentFor(string entity) => _recordsByEntity.TryGetValue(entity, out var count) ? count : 0;

    /// <summary>
    /// Requests per endpoint, as <c>METHOD /path</c> with a record key replaced by <c>({key})</c>, e.g.
    /// <c>GET /api/permissions</c>, <c>GET /odata/accounts</c>, <c>PATCH /odata/accounts({key})</c>.
    /// </summary>
    public IReadOnlyDictionary<string, long> RequestsByEndpoint => _requestsByEndpoint.ToDictionary(p => p.Key, p => p.Value, System.StringComparer.Ordinal);

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _recordsSent, 0);
        Interlocked.Exchange(ref _visibleKeyPages, 0);
        _recordsByEntity.Clear();
        _requestsByEndpoint.Clear();
    }

    /// <summary>Counts one request, per endpoint too (the host calls it from a middleware, so rejected requests count as well).</summary>
    public void CountRequest(string method, string path)
    {
        Interlocked.Increment(ref _requests);
        var open = path.IndexOf('(', System.StringComparison.Ordinal);
        var endpoint = method + " " + (open < 0 ? path : path[..open] + "({key})");
        if (_requestsByEndpoint.Count >= MaxEndpoints && !_requestsByEndpoint.ContainsKey(endpoint))
        {
            endpoint = "other"; // arbitrary paths (probes, typos) cannot grow the table without bound
        }

        _requestsByEndpoint.AddOrUpdate(endpoint, 1, (_, current) => current + 1);
    }

    internal void CountVisibleKeysPage() => Interlocked.Increment(ref _visibleKeyPages);

    internal void CountRecords(string entity, int count)
    {
        if (count == 0)
        {
            return;
        }

        Interlocked.Add(ref _recordsSent, count);
        _recordsByEntity.AddOrUpdate(entity, count, (_, current) => current + count);
    }
}
