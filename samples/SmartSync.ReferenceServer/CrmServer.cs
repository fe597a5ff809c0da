using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartSync.ReferenceServer.Authentication;
using SmartSync.ReferenceServer.Seeding;
using SmartSync.Server;

namespace SmartSync.ReferenceServer;

/// <summary>
/// The reference CRM server, running in this process on 127.0.0.1: a thin host of the SmartSync.Server library
/// with seeded demo data and development bearer tokens. Start it with <see cref="StartAsync"/>; dispose it to
/// stop (a temporary database is deleted then).
/// </summary>
public sealed partial class CrmServer : IAsyncDisposable
{
    private const string SeedMarker = "reference-demo-seed";

    private readonly WebApplication _app;
    private readonly SmartSyncBackend _backend;
    private readonly string? _temporaryDatabase;

    private CrmServer(WebApplication app, SmartSyncBackend backend, RequestCounters counters, Definitions.DataModel.EntityDataModel model, Uri baseAddress, string adminToken, IReadOnlyList<SeededUser> users, string? temporaryDatabase)
    {
        _app = app;
        _backend = backend;
        Counters = counters;
        Model = model;
        BaseAddress = baseAddress;
        AdminToken = adminToken;
        Users = users;
        _temporaryDatabase = temporaryDatabase;
    }

    /// <summary>The root of the server, e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The users and their bearer tokens, by name.</summary>
    public IReadOnlyList<SeededUser> Users { get; }

    /// <summary>The token of the <c>/admin</c> endpoints.</summary>
    public string AdminToken { get; }

    /// <summary>What the server sent so far.</summary>
    public RequestCounters Counters { get; }

    /// <summary>The customization version WhoAmI reports.</summary>
    public string CustomizationVersion => _backend.GetCustomizationVersionAsync().GetAwaiter().GetResult();

    /// <summary>The data model the server serves.</summary>
    public Definitions.DataModel.EntityDataModel Model { get; }

    /// <summary>The library's server-side API (what a real backend's own code would use).</summary>
    public SmartSyncBackend Backend => _backend;

    public SeededUser User(string name) => Users.FirstOrDefault(u => u.Name == name)
        ?? throw new ArgumentException($"No user named '{name}'.", nameof(name));

    /// <summary>Creates (or reopens) the database, seeds it on first use and starts Kestrel on loopback.</summary>
    public static async Task<CrmServer> StartAsync(CrmServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UserCount is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "UserCount must be between 1 and 1000.");
        }

        var csdlPath = options.CsdlPath ?? Path.Combine(AppContext.BaseDirectory, "crm.csdl");
        string? temporary = null;
        var databasePath = options.DatabasePath;
        if (databasePath is null && options.PostgresConnectionString is null)
        {
            temporary = Path.Combine(Path.GetTempPath(), "smartsync-server-" + Guid.NewGuid().ToString("N") + ".db");
            databasePath = temporary;
        }

        var book = new DevTokenBook(options.TokenSecret ?? LoadOrCreateSecret(databasePath));
        var adminToken = options.AdminToken ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        book.SetAdminToken(adminToken);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var port in ListenPorts(options))
            {
                kestrel.Listen(IPAddress.Loopback, port);
            }
        });

        builder.Services.AddSingleton(book);
        builder.Services.AddAuthentication(DevTokenHandler.UserScheme)
            .AddScheme<AuthenticationSchemeOptions, DevTokenHandler>(DevTokenHandler.UserScheme, null)
            .AddScheme<AuthenticationSchemeOptions, DevTokenHandler>(DevTokenHandler.AdminScheme, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy("admin", policy => policy.AddAuthenticationSchemes(DevTokenHandler.AdminScheme).RequireRole("admin"));
        var server = builder.Services.AddSmartSyncServer(o =>
        {
            o.DataModelPath = csdlPath;
            o.OrganizationName = "Contoso (SmartSync reference server)";
            o.MaxPageSize = options.MaxPageSize;
            o.DefaultPageSize = options.DefaultPageSize;
        });
        if (options.PostgresConnectionString is { } connectionString)
        {
            server.UsePostgres(connectionString);
        }
        else
        {
            server.UseSqlite(databasePath!);
        }

        var app = builder.Build();
        var backend = app.Services.GetRequiredService<SmartSyncBackend>();
        var counters = await backend.GetCountersAsync(cancellationToken).ConfigureAwait(false);
        var model = await backend.GetModelAsync(cancellationToken).ConfigureAwait(false);
        if (!options.SkipSeeding && !await backend.HasImportAsync(SeedMarker, cancellationToken).ConfigureAwait(false))
        {
            var plan = new SeedPlan(options.RowsPerEntity, options.ReferenceRowsPerEntity, new Dictionary<string, int>(options.RowCounts), options.Seed, options.UserCount);
            await using var import = await backend.BeginImportAsync(cancellationToken).ConfigureAwait(false);
            await new DemoSeeder(model, plan).SeedAsync(import, cancellationToken).ConfigureAwait(false);
            await import.CompleteAsync(SeedMarker, cancellationToken).ConfigureAwait(false);
        }

        var users = new List<SeededUser>();
        foreach (var (id, name) in await backend.ListUsersAsync(cancellationToken).ConfigureAwait(false))
        {
            users.Add(new SeededUser(id, name, book.AddUser(id, name)));
        }

        // Every request counts, rejected ones too (tests read the counters).
        app.Use((context, next) =>
        {
            counters.CountRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty);
            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapSmartSync().RequireAuthorization();
        app.MapSmartSyncAdmin().RequireAuthorization("admin");
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CrmServer(app, backend, counters, model, new Uri(address.TrimEnd('/') + "/"), adminToken, users, temporary);
    }

    // File databases keep their token secret next to them (tokens survive restarts); others get a fresh one.
    private static byte[] LoadOrCreateSecret(string? databasePath)
    {
        if (databasePath is null)
        {
            return RandomNumberGenerator.GetBytes(32);
        }

        var path = databasePath + ".devtokens";
        if (File.Exists(path) && Convert.TryFromBase64String(File.ReadAllText(path).Trim(), new byte[32], out var written) && written == 32)
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        var secret = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(secret));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return secret;
    }

    private static IEnumerable<int> ListenPorts(CrmServerOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Urls))
        {
            return [options.Port];
        }

        var ports = new List<int>();
        foreach (var url in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var uri = new Uri(url);
            if (uri.Scheme != Uri.UriSchemeHttp || !(uri.IsLoopback))
            {
                throw new ArgumentException($"'{url}': the reference server listens on http://127.0.0.1 only.", nameof(options));
            }

            ports.Add(uri.Port);
        }

        return ports;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_temporaryDatabase is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm", ".devtokens" })
            {
                try
                {
                    File.Delete(_temporaryDatabase + suffix);
                }
                catch (IOException)
                {
                    // Best effort: a temp file left behind is harmless.
                }
            }
        }
    }
}
