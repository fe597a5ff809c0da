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
    private long _requests;
    private long _recordsSent;

    /// <summary>HTTP requests served (authenticated or not).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Records (changed + removed entries) sent by the entity and shared endpoints.</summary>
    public long RecordsSent => Interlocked.Read(ref _recordsSent);

    /// <summary>Records sent per entity logical name.</summary>
    public IReadOnlyDictionary<string, long> RecordsByEntity => _recordsByEntity.ToDictionary(p => p.Key, p => p.Value, System.StringComparer.Ordinal);

    public long RecordsSentFor(string entity) => _recordsByEntity.TryGetValue(entity, out var count) ? count : 0;

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _recordsSent, 0);
        _recordsByEntity.Clear();
    }

    /// <summary>Counts one request (the host calls it from a middleware, so rejected requests count too).</summary>
    public void CountRequest() => Interlocked.Increment(ref _requests);

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
