using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
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
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;
using SmartSync.Server.Tests.Infrastructure;
using SmartSync.Transport.Http;

namespace SmartSync.Server.Tests.Library;

/// <summary>
/// The docs/server.md app: a plain ASP.NET Core app, JWT bearer authentication, the library mapped under a
/// prefix and protected with RequireAuthorization. The runtime syncs with it; the backend's own code writes
/// through SmartSyncBackend and the device receives it.
/// </summary>
public sealed class JwtHostTests
{
    private const string Issuer = "https://login.example.test";
    private const string Audience = "smartsync";
    private const string UserId = "4a2c9e10-0000-4000-8000-000000000042"; // e.g. an Entra object id
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes("a-test-signing-key-of-at-least-32-bytes!!"));

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_runtime_syncs_with_a_plain_app_behind_jwt_bearer(string provider)
    {
        PostgresTestDatabase? database = provider == "postgres" ? await PostgresTestDatabase.CreateAsync() : null;
        var folder = Path.Combine(Path.GetTempPath(), "smartsync-jwt", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            // --- the app (as in docs/server.md) ---
            var builder = WebApplication.CreateBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddJwtBearer(o => o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = Issuer,
                    ValidAudience = Audience,
                    IssuerSigningKey = Key,
                });
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

            await using var app = builder.Build();
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapSmartSync("/sync").RequireAuthorization();
            await app.StartAsync();
            var root = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/sync/");

            // --- no or bad credentials: 401, nothing else ---
            using (var anonymous = new HttpClient())
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(root, "api/whoami"))).StatusCode);
                using var forged = new HttpRequestMessage(HttpMethod.Get, new Uri(root, "odata/accounts"));
                forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(UserId, new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-key-of-at-least-32-bytes-long!!!"))));
                var response = await anonymous.SendAsync(forged);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.Empty(await response.Content.ReadAsByteArrayAsync());
            }

            // --- the runtime, signed in as user-42 ---
            var token = Token(UserId, Key);
            using var http = new HttpClient();
            var transport = new HttpSyncTransport(http, new HttpSyncTransportOptions { BaseAddress = root, AccessTokenProvider = _ => ValueTask.FromResult<string?>(token), DeviceId = "phone-1" });
            await using var client = new SmartSyncClient(new SmartSyncClientOptions { DatabasePath = Path.Combine(folder, "device.db"), Transport = transport, PageSize = 5 });
            var profile = new LoadedProfile(new ProfileSpec("Accounts", null, SyncAction.UpDownSync, SyncMethod.Default, true, true, SyncModules.None, EntitiesMode.Include,
                new[] { new EntitySpec("account", false, false) }.ToEquatableArray()));
            var full = await client.RunFullSyncAsync();
            Assert.True(full.IsSuccess, full.Message + " " + full.Error);

            var fromDevice = Guid.NewGuid().ToString("D");
            await client.Records.UpsertAsync("account", fromDevice, new Dictionary<string, object?> { ["name"] = "made on the phone" });
            var backend = app.Services.GetRequiredService<SmartSyncBackend>();
            var fromBackend = Guid.NewGuid().ToString("D");
            for (var i = 0; i < 12; i++)
            {
                // More than two pages: the links must keep the /sync prefix.
                await backend.UpsertAsync("account", i == 0 ? fromBackend : Guid.NewGuid().ToString("D"), new Dictionary<string, object?> { ["name"] = "from the backend " + i, ["_ownerid_value"] = UserId });
            }

            await backend.UpsertAsync("account", Guid.NewGuid().ToString("D"), new Dictionary<string, object?> { ["name"] = "someone else's", ["_ownerid_value"] = "7b0f3c1e-0000-4000-8000-000000000007" });
            var result = await client.RunAsync(profile);
            Assert.True(result.IsSuccess, result.Message + " " + result.Error);

            var stored = await backend.FindAsync("account", fromDevice);
            Assert.Equal(UserId, stored!["_ownerid_value"]);
            var local = (await client.Records.QueryAsync("account")).ToDictionary(r => r.Key, StringComparer.Ordinal);
            Assert.Equal("from the backend 0", local[fromBackend].Values["name"]);
            Assert.Equal(13, local.Count);
            Assert.DoesNotContain(local.Values, r => (string?)r.Values.GetValueOrDefault("name") == "someone else's");

            // The transport names its device: a demand for this device reaches it, one for another device does not.
            await backend.RequireFullSyncAsync(UserId, "tablet-2");
            Assert.False((await transport.WhoAmIAsync(default)).FullSyncRequired);
            await backend.RequireFullSyncAsync(UserId, "phone-1");
            Assert.True((await transport.WhoAmIAsync(default)).FullSyncRequired);
            var again = await client.RunFullSyncAsync();
            Assert.True(again.IsSuccess, again.Message + " " + again.Error);
            Assert.False((await transport.WhoAmIAsync(default)).FullSyncRequired);
            await app.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            if (database is not null)
            {
                await database.DisposeAsync();
            }
        }
    }

    private static string Token(string subject, SecurityKey key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("name", "Dana")]),
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });
}
