using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartSync.Hosting;
using SmartSync.Transport;
using SmartSync.Transport.Dataverse;
using SmartSync.Transport.Http;

// In the DI namespace, as is the convention, so `services.AddSmartSync` needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SmartSync in a .NET host (MAUI, WPF/WinForms with the generic host, worker services).</summary>
public static class SmartSyncServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SmartSync.SmartSyncClient"/> as a singleton built from the options, with the container's
    /// <see cref="ILoggerFactory"/> and <see cref="TimeProvider"/> (<see cref="TimeProvider.System"/> if none), and a
    /// hosted service that opens the local database, arms the triggers when the host starts and stops them on shutdown.
    /// </summary>
    public static IServiceCollection AddSmartSync(this IServiceCollection services, Action<SmartSyncHostingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SmartSyncHostingOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>As <see cref="AddSmartSync(IServiceCollection, Action{SmartSyncHostingOptions})"/>, bound from a configuration section (e.g. <c>configuration.GetSection("SmartSync")</c>), then <paramref name="configure"/>.</summary>
    public static IServiceCollection AddSmartSync(this IServiceCollection services, IConfiguration configuration, Action<SmartSyncHostingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOptions<SmartSyncHostingOptions>().Configure(options => SmartSyncConfigurationBinder.Bind(configuration, options));
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        // Every setting is checked when the host starts, with every problem named at once (not at first use).
        services.AddOptions<SmartSyncHostingOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmartSyncHostingOptions>, SmartSyncHostingOptionsValidator>());
        services.TryAddSingleton<SmartSyncHttpClientHolder>();
        services.TryAddSingleton(CreateClient);
        services.AddHostedService<SmartSyncHostedService>();
        return services;
    }

    private static SmartSync.SmartSyncClient CreateClient(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SmartSyncHostingOptions>>().Value;
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw new InvalidOperationException("SmartSync needs a database path: set SmartSyncHostingOptions.DatabasePath (configuration key 'DatabasePath').");
        }

        var loggerFactory = services.GetService<ILoggerFactory>();
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var transport = options.Transport
            ?? (options.DataverseEnvironmentUrl is not null ? CreateDataverseTransport(services, options, loggerFactory, time) : CreateHttpTransport(services, options, loggerFactory, time));
        return new SmartSync.SmartSyncClient(
            new SmartSync.SmartSyncClientOptions
            {
                DatabasePath = options.DatabasePath,
                Transport = transport,
                OwnsTransport = options.Transport is null,
                PageSize = options.PageSize,
                AllowSmartSync = options.AllowSmartSync,
                CleanupDebtLimit = options.CleanupDebtLimit,
                DefaultConflictStrategy = options.DefaultConflictStrategy,
                ConflictStrategies = new System.Collections.Generic.Dictionary<string, SmartSync.ConflictStrategy>(options.ConflictStrategies, StringComparer.Ordinal),
                ClientVersion = options.ClientVersion,
                Catalog = options.Catalog,
                AutoExclusions = options.AutoExclusions,
                CircuitBreaker = options.CircuitBreaker,
                Retention = options.Retention,
            },
            loggerFactory,
            time);
    }

    private static ISyncTransport CreateDataverseTransport(IServiceProvider services, SmartSyncHostingOptions options, ILoggerFactory? loggerFactory, TimeProvider time)
    {
        var dataverse = new DataverseTransportOptions
        {
            EnvironmentUrl = options.DataverseEnvironmentUrl,
            AccessTokenProvider = Tokens(services, options)
                ?? throw new InvalidOperationException("Dataverse needs an OAuth token: set SmartSyncHostingOptions.AccessTokenProvider (for instance an MSAL call)."),
            TimeProvider = time,
            AttemptTimeout = options.RequestAttemptTimeout,
        };
        options.ConfigureDataverse?.Invoke(dataverse);
        return new DataverseSyncTransport(services.GetRequiredService<SmartSyncHttpClientHolder>().Client, dataverse, loggerFactory?.CreateLogger<DataverseSyncTransport>());
    }

    private static Func<CancellationToken, ValueTask<string?>>? Tokens(IServiceProvider services, SmartSyncHostingOptions options) =>
        options.AccessTokenProvider is { } provider
            ? token => provider(services, token)
            : options.AccessToken is { } fixedToken ? _ => ValueTask.FromResult<string?>(fixedToken) : null;

    private static ISyncTransport CreateHttpTransport(IServiceProvider services, SmartSyncHostingOptions options, ILoggerFactory? loggerFactory, TimeProvider time)
    {
        var address = options.ServerBaseAddress
            ?? throw new InvalidOperationException("SmartSync needs a server: set SmartSyncHostingOptions.ServerBaseAddress (configuration key 'ServerBaseAddress') or a Transport.");
        var tokens = Tokens(services, options);
        return new HttpSyncTransport(
            services.GetRequiredService<SmartSyncHttpClientHolder>().Client,
            new HttpSyncTransportOptions
            {
                BaseAddress = address,
                AccessTokenProvider = tokens,
                TimeProvider = time,
                AttemptTimeout = options.RequestAttemptTimeout,
                MaxRetryAttempts = options.MaxRetryAttempts,
                DeviceId = options.DeviceId ?? DeviceIdFile.LoadOrCreate(options.DatabasePath!),
            },
            loggerFactory?.CreateLogger<HttpSyncTransport>());
    }
}
