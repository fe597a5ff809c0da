using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.ReferenceServer;

namespace SmartSync.Benchmarks.Harness;

/// <summary>Changes a few server rows between runs, as other users would, cycling through the owned keys.</summary>
public sealed class ServerEdits(CrmServer server, string entity, IReadOnlyList<string> keys)
{
    private int _next;
    private int _round;

    public static ServerEdits For(CrmServer server, string entity, int keysNeeded) =>
        new(server, entity, server.OwnedKeys(entity, ServerSetup.UserId(server), keysNeeded));

    /// <summary>Edits <paramref name="count"/> rows (distinct within one call).</summary>
    public async Task ChangeAsync(int count, CancellationToken cancellationToken)
    {
        _round++;
        for (var i = 0; i < count; i++)
        {
            var key = keys[_next % keys.Count];
            _next++;
            var subject = "Edited in round " + _round.ToString(CultureInfo.InvariantCulture) + " #" + i.ToString(CultureInfo.InvariantCulture);
            await server.EditRowAsync(entity, key, new Dictionary<string, object?> { ["subject"] = subject }, cancellationToken).ConfigureAwait(false);
        }
    }
}
