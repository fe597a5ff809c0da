using System;
using System.Collections.Generic;
using SmartSync.Transport;

namespace SmartSync.IntegrationTests.Infrastructure;

/// <summary>Keeps copies of what a page delivered (the transport reuses its record instance).</summary>
public sealed class CollectingSink : IRecordSink
{
    public Dictionary<string, Dictionary<string, object?>> Upserts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string?> ETags { get; } = new(StringComparer.Ordinal);

    public List<string> Removed { get; } = [];

    public int UpsertCalls { get; private set; }

    public void Upsert(RecordValues record)
    {
        UpsertCalls++;
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < record.Values.Length; i++)
        {
            if (record.Present[i])
            {
                copy[record.Entity.Properties[i].Name] = record.Values[i];
            }
        }

        Upserts[record.Key] = copy;
        ETags[record.Key] = record.ETag;
    }

    public void Remove(string key) => Removed.Add(key);
}
