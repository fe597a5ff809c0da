using System.Threading;
using System.Threading.Tasks;

namespace SmartSync;

// Opening and the default client, for hosts (services.AddSmartSync) and apps that want errors early.
public sealed partial class SmartSyncClient
{
    /// <summary>
    /// Opens (creating or upgrading) the local database now rather than on first use, so a bad path or a
    /// database from a newer app version fails at start-up instead of in the first sync.
    /// </summary>
    public async Task OpenAsync(CancellationToken cancellationToken = default) =>
        await (_store ?? throw NoEngine()).EnsureOpenAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Makes <paramref name="client"/> the <see cref="Default"/> unless one is set; returns whether it did.</summary>
    public static bool TrySetDefault(SmartSyncClient client)
    {
        System.ArgumentNullException.ThrowIfNull(client);
        return Interlocked.CompareExchange(ref _default, client, null) is null;
    }

    /// <summary>Clears <see cref="Default"/> if it is <paramref name="client"/> (a stopped host's client must not linger as the default).</summary>
    internal static void ClearDefault(SmartSyncClient client) => Interlocked.CompareExchange(ref _default, null, client);
}
