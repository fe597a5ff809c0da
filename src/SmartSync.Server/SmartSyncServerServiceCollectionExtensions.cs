using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmartSync.Server.Access;
using SmartSync.Server.Hosting;

namespace SmartSync.Server;

/// <summary>Registers the SmartSync server library.</summary>
public static class SmartSyncServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SmartSync server: the store (SQLite by default; see <see cref="SmartSyncServerBuilder"/>), the
    /// default access policy and <see cref="SmartSyncBackend"/> for the app's own code. Map the endpoints with
    /// <c>app.MapSmartSync()</c>.
    /// </summary>
    public static SmartSyncServerBuilder AddSmartSyncServer(this IServiceCollection services, Action<SmartSyncServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        var storage = new StorageSelection();
        services.AddSingleton(storage);
        services.TryAddSingleton<StoreHolder>();
        services.TryAddSingleton<ISyncAccessPolicy, StoredPermissionPolicy>();
        services.TryAddSingleton<ISyncVisibilityPolicy, OwnerVisibilityPolicy>();
        services.TryAddSingleton(provider => new SmartSyncBackend(provider.GetRequiredService<StoreHolder>()));
        services.AddHostedService<StoreInitializer>();
        return new SmartSyncServerBuilder(services, storage);
    }
}
