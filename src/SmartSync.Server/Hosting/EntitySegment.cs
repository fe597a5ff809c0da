using System;

namespace SmartSync.Server.Hosting;

/// <summary>An OData resource path segment: <c>accounts</c> or <c>accounts(7a1c...)</c> / <c>accounts('key')</c>.</summary>
internal readonly record struct EntitySegment(string SetName, string? RawKey)
{
    public static EntitySegment Parse(string segment)
    {
        var open = segment.IndexOf('(', StringComparison.Ordinal);
        if (open > 0 && segment.EndsWith(')'))
        {
            return new EntitySegment(segment[..open], Uri.UnescapeDataString(segment[(open + 1)..^1]));
        }

        return new EntitySegment(segment, null);
    }
}
