using System;

namespace SmartSync.Server.Storage;

/// <summary>
/// Hands out increasing change versions inside one write transaction: first from the block reserved when
/// the transaction began, then from blocks <see cref="_grow"/> reserves (a bulk import needs many).
/// </summary>
internal sealed class VersionSource
{
    private readonly Func<int, (long First, long Last)>? _grow;
    private long _next;
    private long _last;

    public VersionSource(long first, long last, Func<int, (long First, long Last)>? grow)
    {
        _next = first;
        _last = last;
        _grow = grow;
        Start = first;
    }

    /// <summary>The first version of the block; nothing was handed out while <see cref="Highest"/> is below it.</summary>
    public long Start { get; }

    /// <summary>The last version handed out (Start - 1 when none).</summary>
    public long Highest { get; private set; } = long.MinValue;

    public bool Used => Highest >= Start;

    public long Next()
    {
        if (_next > _last)
        {
            (_next, _last) = (_grow ?? throw new InvalidOperationException("This write reserved too few change versions."))(1024);
        }

        Highest = _next;
        return _next++;
    }
}
