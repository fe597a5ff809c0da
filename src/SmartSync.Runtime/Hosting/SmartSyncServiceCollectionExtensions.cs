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
        // The configuration binding source generator writes this binding (no reflection: trim- and NativeAOT-safe); a
        // value that does not convert fails when the options are first built, which ValidateOnStart makes the host's start.
        // Transport, Catalog and the delegates are objects only code supplies: the generator reports them as not
        // bindable (SYSLIB1100/1101, silenced in the project file) and leaves them alone. AddSmartSyncTests checks that
        // every other setting binds.
        var builder = services.AddOptions<SmartSyncHostingOptions>().Bind(configuration);
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
        // The hosting options are the client's options: the client gets them as they are, with the transport the host
        // builds from its server settings when the app supplied none (once: the client is a singleton).
        var options = services.GetRequiredService<IOptions<SmartSyncHostingOptions>>().Value;
        var loggerFactory = services.GetService<ILoggerFactory>();
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        if (options.Transport is null)
        {
            // Built here, so the client owns it and disposes it with itself; a transport the app supplied stays the app's.
            options.Transport = options.DataverseEnvironmentUrl is not null
                ? CreateDataverseTransport(services, options, loggerFactory, time)
                : CreateHttpTransport(services, options, loggerFactory, time);
            options.OwnsTransport = true;
        }

        return new SmartSync.SmartSyncClient(options, loggerFactory, time);
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
                DeviceId = options.DeviceId ?? DeviceIdFile.LoadOrCreate(options.RequiredDatabasePath),
            },
            loggerFactory?.CreateLogger<HttpSyncTransport>());
    }
}
