using System;

namespace SmartSync.Transport.Http;

/// <summary>
/// The bounds of one entity page, shared by both transports' page reader: the engine buffers a page whole before it
/// applies it, so a server that ignores <c>odata.maxpagesize</c> must not make the device hold an unbounded page.
/// </summary>
/// <param name="MaxRows">The most records (changes and removals) one page may carry.</param>
/// <param name="MaxBytes">The most bytes one page's body may have.</param>
internal readonly record struct PageLimits(int MaxRows, long MaxBytes)
{
    /// <summary>The default row bound: ten times Dataverse's largest page (5,000 rows).</summary>
    public const int DefaultMaxRows = 50_000;

    /// <summary>The default byte bound of one page's body.</summary>
    public const long DefaultMaxBytes = 256L * 1024 * 1024;

    public static readonly PageLimits None = new(int.MaxValue, long.MaxValue);

    /// <summary>The configured bounds, never below the page size the request asked for (a client asking for large pages gets them).</summary>
    public static PageLimits For(int maxRows, long maxBytes, int requestedPageSize) =>
        new(Math.Max(Math.Max(maxRows, 1), requestedPageSize), Math.Max(maxBytes, 1));
}
