using System;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Transport;

/// <summary>
/// One downloaded record, laid out in <see cref="EntityTypeDefinition.Properties"/> order.
/// Transports reuse one instance per page to keep allocation per record low.
/// </summary>
public sealed class RecordValues
{
    public RecordValues(EntityTypeDefinition entity)
    {
        Entity = entity;
        Values = new object?[entity.Properties.Count];
        Present = new bool[entity.Properties.Count];
    }

    public EntityTypeDefinition Entity { get; }

    /// <summary>The record's key (the value of <see cref="EntityTypeDefinition.Key"/>).</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>The server's ETag for optimistic concurrency (<c>@odata.etag</c>).</summary>
    public string? ETag { get; set; }

    /// <summary>
    /// Attribute values: <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/> or null.
    /// Dates, GUIDs and decimals arrive as their JSON text.
    /// </summary>
    public object?[] Values { get; }

    /// <summary>Whether the payload carried each attribute (absent attributes keep their local value).</summary>
    public bool[] Present { get; }

    /// <summary>Clears values and flags before the next record is read.</summary>
    public void Reset()
    {
        Key = string.Empty;
        ETag = null;
        Array.Clear(Values, 0, Values.Length);
        Array.Clear(Present, 0, Present.Length);
    }
}
