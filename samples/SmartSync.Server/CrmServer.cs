using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartSync.Definitions.Parsing;
using SmartSync.Server.Hosting;
using SmartSync.Server.Seeding;
using SmartSync.Server.Storage;

namespace SmartSync.Server;

/// <summary>
/// The reference CRM server, running in this process on 127.0.0.1. Start it with <see cref="StartAsync"/>;
/// dispose it to stop (a temporary database is deleted then).
/// </summary>
public sealed partial class CrmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CrmStore _store;
    private readonly string? _temporaryDatabase;

    private CrmServer(WebApplication app, CrmStore store, Uri baseAddress, string adminToken, string? temporaryDatabase)
    {
        _app = app;
        _store = store;
        BaseAddress = baseAddress;
        AdminToken = adminToken;
        _temporaryDatabase = temporaryDatabase;
        Users = store.Users.Select(u => new SeededUser(u.Id, u.Name, u.Token)).ToList();
    }

    /// <summary>The root of the server, e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The users and their bearer tokens, by name.</summary>
    public IReadOnlyList<SeededUser> Users { get; }

    /// <summary>The token of the <c>/admin</c> endpoints.</summary>
    public string AdminToken { get; }

    /// <summary>What the server sent so far.</summary>
    public RequestCounters Counters => _store.Counters;

    /// <summary>The customization version WhoAmI reports.</summary>
    public string CustomizationVersion => _store.CustomizationVersion;

    /// <summary>The data model the server serves.</summary>
    public Definitions.DataModel.EntityDataModel Model => _store.Model;

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
        var csdlText = await File.ReadAllTextAsync(csdlPath, cancellationToken).ConfigureAwait(false);
        var model = CsdlParser.Parse(csdlText, csdlPath);
        if (model.Model is null)
        {
            var errors = string.Join(Environment.NewLine, model.Diagnostics.Select(d => d.ToString()));
            throw new InvalidDataException($"The data model '{csdlPath}' is not valid CSDL:{Environment.NewLine}{errors}");
        }

        string? temporary = null;
        var databasePath = options.DatabasePath;
        if (databasePath is null)
        {
            temporary = Path.Combine(Path.GetTempPath(), "smartsync-server-" + Guid.NewGuid().ToString("N") + ".db");
            databasePath = temporary;
        }

        var store = new CrmStore(databasePath, model.Model, csdlText);
        var plan = new SeedPlan(options.RowsPerEntity, options.ReferenceRowsPerEntity, new Dictionary<string, int>(options.RowCounts), options.Seed, options.UserCount);
        await store.InitializeAsync(plan, cancellationToken).ConfigureAwait(false);

        var adminToken = options.AdminToken ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
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

        var app = builder.Build();
        app.Use((context, next) => Authenticate(context, next, store, adminToken));
        ODataEndpoints.Map(app, store, options);
        ApiEndpoints.Map(app, store);
        AdminEndpoints.Map(app, store);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CrmServer(app, store, new Uri(address.TrimEnd('/') + "/"), adminToken, temporary);
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

    private static Task Authenticate(HttpContext context, RequestDelegate next, CrmStore store, string adminToken)
    {
        store.Counters.CountRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty);
        var path = context.Request.Path;
        var token = HttpHelpers.BearerToken(context);
        if (path.StartsWithSegments("/admin"))
        {
            if (token is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(adminToken)))
            {
                HttpHelpers.Challenge(context);
                return Task.CompletedTask;
            }

            return next(context);
        }

        var user = token is null ? null : store.Authenticate(token);
        if (user is null)
        {
            HttpHelpers.Challenge(context);
            return Task.CompletedTask;
        }

        context.SetUser(user);
        return next(context);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_temporaryDatabase is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
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
