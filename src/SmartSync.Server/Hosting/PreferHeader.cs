using System;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SmartSync.Server.Hosting;

/// <summary>The OData preferences the server honours: <c>odata.track-changes</c> and <c>odata.maxpagesize=N</c>.</summary>
internal readonly record struct PreferHeader(bool TrackChanges, int? MaxPageSize)
{
    public static PreferHeader Parse(HttpRequest request)
    {
        var trackChanges = false;
        int? maxPageSize = null;
        foreach (var header in request.Headers["Prefer"])
        {
            foreach (var raw in (header ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (raw.Equals("odata.track-changes", StringComparison.OrdinalIgnoreCase))
                {
                    trackChanges = true;
                }
                else if (raw.StartsWith("odata.maxpagesize=", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(raw["odata.maxpagesize=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0)
                {
                    maxPageSize = size;
                }
            }
        }

        return new PreferHeader(trackChanges, maxPageSize);
    }
}
