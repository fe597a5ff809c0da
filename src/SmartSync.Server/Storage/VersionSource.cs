using System;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Server.Storage;

/// <summary>
/// Hands out increasing change versions inside one write transaction: first from the block reserved when
/// the transaction began, then from blocks <see cref="_grow"/> reserves (a bulk import needs many).
/// </summary>
internal sealed class VersionSource
{
    private readonly Func<int, CancellationToken, Task<(long First, long Last)>>? _grow;
    private long _next;
    private long _last;

    public VersionSource(long first, long last, Func<int, CancellationToken, Task<(long First, long Last)>>? grow)
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

    /// <summary>The next version; completes synchronously unless the reserved block is used up.</summary>
    public ValueTask<long> NextAsync(CancellationToken cancellationToken)
    {
        if (_next <= _last)
        {
            Highest = _next;
            return ValueTask.FromResult(_next++);
        }

        return GrowAsync(cancellationToken);
    }

    private async ValueTask<long> GrowAsync(CancellationToken cancellationToken)
    {
        (_next, _last) = await (_grow ?? throw new InvalidOperationException("This write reserved too few change versions."))(1024, cancellationToken).ConfigureAwait(false);
        Highest = _next;
        return _next++;
    }
}
