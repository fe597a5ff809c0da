using System;
using System.Collections.Generic;
using SmartSync.Definitions.DataModel;
using SmartSync.Transport;

namespace SmartSync.Pipeline.Download;

/// <summary>
/// One downloaded page held in memory between the network read and the apply, so the read needs no
/// database lock. Record slots are pooled and reused page after page: after the first page the buffer
/// allocates nothing of its own, and memory stays bounded by one page however many records the entity has.
/// </summary>
internal sealed class PageBuffer : IRecordSink
{
    private readonly EntityTypeDefinition _entity;
    private readonly List<RecordValues> _slots = [];

    // One entry per record in arrival order: null = the next upsert slot, a key = a removal.
    private readonly List<string?> _order = [];
    private int _used;

    public PageBuffer(EntityTypeDefinition entity) => _entity = entity;

    public void Clear()
    {
        _order.Clear();
        _used = 0;
    }

    public void Upsert(RecordValues record)
    {
        if (!ReferenceEquals(record.Entity, _entity) && record.Entity.Name != _entity.Name)
        {
            throw new SyncPayloadException(_entity.Name, record.Key, $"a record of '{record.Entity.Name}' arrived in the download of '{_entity.Name}'");
        }

        RecordValues slot;
        if (_used < _slots.Count)
        {
            slot = _slots[_used];
        }
        else
        {
            slot = new RecordValues(_entity);
            _slots.Add(slot);
        }

        _used++;
        slot.Key = record.Key;
        slot.ETag = record.ETag;
        var length = Math.Min(slot.Values.Length, record.Values.Length);
        Array.Copy(record.Values, slot.Values, length);
        Array.Copy(record.Present, slot.Present, length);
        _order.Add(null);
    }

    public void Remove(string key) => _order.Add(key);

    /// <summary>Hands the page's records to <paramref name="sink"/> in the order they arrived.</summary>
    public void Replay(IRecordSink sink)
    {
        var next = 0;
        foreach (var removed in _order)
        {
            if (removed is null)
            {
                sink.Upsert(_slots[next++]);
            }
            else
            {
                sink.Remove(removed);
            }
        }
    }
}
