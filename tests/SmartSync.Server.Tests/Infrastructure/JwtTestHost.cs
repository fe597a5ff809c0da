using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SmartSync.Server.Tests.Infrastructure;

/// <summary>
/// A plain ASP.NET Core app as docs/server.md shows it (JWT bearer, the library under /sync), on SQLite or on a
/// fresh PostgreSQL database; <c>configure</c> adds the app's own choices (policies).
/// </summary>
public sealed class JwtTestHost : IAsyncDisposable
{
    private const string Issuer = "https://login.example.test";
    private const string Audience = "smartsync";
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes("a-test-signing-key-of-at-least-32-bytes!!"));

    private readonly WebApplication _app;
    private readonly string _folder;
    private readonly PostgresTestDatabase? _database;

    private JwtTestHost(WebApplication app, string folder, PostgresTestDatabase? database, Uri root)
    {
        _app = app;
        _folder = folder;
        _database = database;
        Root = root;
    }

    /// <summary>The library's root, e.g. http://127.0.0.1:1234/sync/.</summary>
    public Uri Root { get; }

    public SmartSyncBackend Backend => _app.Services.GetRequiredService<SmartSyncBackend>();

    public IServiceProvider Services => _app.Services;

    public static async Task<JwtTestHost> StartAsync(string provider, Action<SmartSyncServerBuilder>? configure = null)
    {
        var database = provider == "postgres" ? await PostgresTestDatabase.CreateAsync() : null;
        var folder = Path.Combine(Path.GetTempPath(), "smartsync-jwt", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o => o.TokenValidationParameters = new TokenValidationParameters { ValidIssuer = Issuer, ValidAudience = Audience, IssuerSigningKey = Key });
        builder.Services.AddAuthorization();
        var sync = builder.Services.AddSmartSyncServer(o => o.DataModelPath = Path.Combine(AppContext.BaseDirectory, "crm.csdl"));
        if (database is null)
        {
            sync.UseSqlite(Path.Combine(folder, "server.db"));
        }
        else
        {
            sync.UsePostgres(database.ConnectionString);
        }

        configure?.Invoke(sync);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapSmartSync("/sync").RequireAuthorization();
        await app.StartAsync();
        var root = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/sync/");
        return new JwtTestHost(app, folder, database, root);
    }

    /// <summary>An HTTP client signed in as <paramref name="userId"/>, naming <paramref name="device"/> when given.</summary>
    public HttpClient Client(string userId, string? device = null)
    {
        var client = new HttpClient { BaseAddress = Root };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(userId));
        if (device is not null)
        {
            client.DefaultRequestHeaders.Add("X-SmartSync-Device", device);
        }

        return client;
    }

    public static string Token(string subject) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Subject = new ClaimsIdentity([new Claim("sub", subject)]),
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
