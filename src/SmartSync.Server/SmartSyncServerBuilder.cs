using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmartSync.Server.Access;
using SmartSync.Server.Hosting;
using SmartSync.Server.Storage.Providers;

namespace SmartSync.Server;

/// <summary>Chooses the database and the access policy of the SmartSync server.</summary>
public sealed class SmartSyncServerBuilder
{
    private readonly StorageSelection _storage;

    internal SmartSyncServerBuilder(IServiceCollection services, StorageSelection storage)
    {
        Services = services;
        _storage = storage;
    }

    public IServiceCollection Services { get; }

    /// <summary>An embedded SQLite file (zero setup; one server process).</summary>
    public SmartSyncServerBuilder UseSqlite(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _storage.Create = () => new SqliteStorageProvider(databasePath);
        return this;
    }

    /// <summary>PostgreSQL (Npgsql): one database for any number of server nodes.</summary>
    public SmartSyncServerBuilder UsePostgres(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _storage.Create = () => new PostgresStorageProvider(connectionString);
        return this;
    }

    /// <summary>Replaces the default visibility (owned + shared + organization-wide) with the app's own rule.</summary>
    public SmartSyncServerBuilder UseVisibilityPolicy<TPolicy>()
        where TPolicy : class, ISyncVisibilityPolicy
    {
        Services.Replace(ServiceDescriptor.Singleton<ISyncVisibilityPolicy, TPolicy>());
        return this;
    }

    /// <summary>Replaces the default visibility with this instance.</summary>
    public SmartSyncServerBuilder UseVisibilityPolicy(ISyncVisibilityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Services.Replace(ServiceDescriptor.Singleton(policy));
        return this;
    }

    /// <summary>Replaces the default per-entity permission policy.</summary>
    public SmartSyncServerBuilder UseAccessPolicy<TPolicy>()
        where TPolicy : class, ISyncAccessPolicy
    {
        Services.Replace(ServiceDescriptor.Singleton<ISyncAccessPolicy, TPolicy>());
        return this;
    }
}
