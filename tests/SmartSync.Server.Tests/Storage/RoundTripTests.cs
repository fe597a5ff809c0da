using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using SmartSync.Server.Hosting;
using SmartSync.Server.Storage;
using SmartSync.Server.Tests.Infrastructure;

namespace SmartSync.Server.Tests.Storage;

/// <summary>
/// What one request costs the database: connections taken from the provider (every read and every write session
/// passes the store's one entry point) and key lookups of the record. One connection per request, one lookup per
/// upload, on both providers; the answers stay what the protocol says.
/// </summary>
public sealed class RoundTripTests
{
    private const string User = "00000000-0000-4000-8000-0000000000aa";

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Each_request_takes_one_connection_and_an_upload_reads_its_row_once(string provider)
    {
        await using var host = await JwtTestHost.StartAsync(provider);
        var store = await host.Services.GetRequiredService<StoreHolder>().GetAsync(default);
        using var client = host.Client(User, device: "phone");
        var key = Guid.NewGuid().ToString("D");
        await host.Backend.UpsertAsync("account", key, new Dictionary<string, object?> { ["name"] = "seed", ["_ownerid_value"] = User });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/whoami")).StatusCode); // first sight of the device: recorded once

        async Task<(HttpResponseMessage Response, long Connections, long Lookups)> MeasureAsync(HttpRequestMessage request)
        {
            var (connections, lookups) = (store.ConnectionsOpened, store.RowLookups);
            var response = await client.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            return (response, store.ConnectionsOpened - connections, store.RowLookups - lookups);
        }

        var whoami = await MeasureAsync(new HttpRequestMessage(HttpMethod.Get, "api/whoami"));
        Assert.Equal(HttpStatusCode.OK, whoami.Response.StatusCode);
        Assert.Equal(1, whoami.Connections);

        // Every entity's rights in one answer, from one connection and one query (not one per entity).
        await host.Backend.SetPermissionAsync(User, "contact", canRead: true, canCreate: false, canUpdate: true, canDelete: false);
        var permissions = await MeasureAsync(new HttpRequestMessage(HttpMethod.Get, "api/permissions"));
        Assert.Equal(HttpStatusCode.OK, permissions.Response.StatusCode);
        Assert.Equal(1, permissions.Connections);
        using (var body = JsonDocument.Parse(await permissions.Response.Content.ReadAsStringAsync()))
        {
            var rights = body.RootElement.GetProperty("value").EnumerateArray().ToDictionary(
                p => p.GetProperty("entity").GetString()!,
                p => (p.GetProperty("canRead").GetBoolean(), p.GetProperty("canCreate").GetBoolean(), p.GetProperty("canUpdate").GetBoolean(), p.GetProperty("canDelete").GetBoolean()));
            Assert.Equal(store.Tables.Count(), rights.Count);
            Assert.Equal((true, false, true, false), rights["contact"]); // the stored restriction
            Assert.Equal((true, true, true, true), rights["account"]); // no row: everything allowed
        }

        var page = new HttpRequestMessage(HttpMethod.Get, "odata/accounts");
        page.Headers.TryAddWithoutValidation("Prefer", "odata.track-changes");
        var first = await MeasureAsync(page);
        Assert.Equal(HttpStatusCode.OK, first.Response.StatusCode);
        Assert.Equal(1, first.Connections);
        using (var body = JsonDocument.Parse(await first.Response.Content.ReadAsStringAsync()))
        {
            var delta = await MeasureAsync(new HttpRequestMessage(HttpMethod.Get, body.RootElement.GetProperty("@odata.deltaLink").GetString()));
            Assert.Equal(HttpStatusCode.OK, delta.Response.StatusCode);
            Assert.Equal(1, delta.Connections);
        }

        var single = await MeasureAsync(new HttpRequestMessage(HttpMethod.Get, $"odata/accounts({key})"));
        Assert.Equal(HttpStatusCode.OK, single.Response.StatusCode);
        Assert.Equal((1, 1), (single.Connections, single.Lookups));

        var keys = await MeasureAsync(new HttpRequestMessage(HttpMethod.Get, "api/visiblekeys/accounts"));
        Assert.Equal(HttpStatusCode.OK, keys.Response.StatusCode);
        Assert.Equal(1, keys.Connections);

        var created = Guid.NewGuid().ToString("D");
        var create = await MeasureAsync(Patch(created, "{\"name\":\"new\"}", ifMatch: null));
        Assert.Equal(HttpStatusCode.Created, create.Response.StatusCode);
        Assert.Equal((1, 1), (create.Connections, create.Lookups));
        var createdEtag = create.Response.Headers.ETag!.ToString();
        using (var body = JsonDocument.Parse(await create.Response.Content.ReadAsStringAsync()))
        {
            Assert.Equal(User, body.RootElement.GetProperty("_ownerid_value").GetString()); // the stored record, owner filled in
            Assert.Equal(createdEtag, body.RootElement.GetProperty("@odata.etag").GetString());
        }

        var update = await MeasureAsync(Patch(created, "{\"name\":\"edited\"}", createdEtag));
        Assert.Equal(HttpStatusCode.OK, update.Response.StatusCode);
        Assert.Equal((1, 1), (update.Connections, update.Lookups));
        using (var body = JsonDocument.Parse(await update.Response.Content.ReadAsStringAsync()))
        {
            Assert.Equal("edited", body.RootElement.GetProperty("name").GetString());
            Assert.Equal(update.Response.Headers.ETag!.ToString(), body.RootElement.GetProperty("@odata.etag").GetString());
        }

        var stale = await MeasureAsync(Patch(created, "{\"name\":\"stale\"}", createdEtag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Response.StatusCode);
        Assert.Equal((1, 1), (stale.Connections, stale.Lookups));
        using (var body = JsonDocument.Parse(await stale.Response.Content.ReadAsStringAsync()))
        {
            Assert.Equal("edited", body.RootElement.GetProperty("name").GetString()); // the server's current record
        }

        var staleDelete = new HttpRequestMessage(HttpMethod.Delete, $"odata/accounts({created})");
        staleDelete.Headers.TryAddWithoutValidation("If-Match", createdEtag);
        var refused = await MeasureAsync(staleDelete);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.Response.StatusCode);
        Assert.Equal((1, 1), (refused.Connections, refused.Lookups));
        Assert.Contains("edited", await refused.Response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var delete = await MeasureAsync(new HttpRequestMessage(HttpMethod.Delete, $"odata/accounts({created})"));
        Assert.Equal(HttpStatusCode.NoContent, delete.Response.StatusCode);
        Assert.Equal((1, 1), (delete.Connections, delete.Lookups));
        Assert.Null(await host.Backend.FindAsync("account", created));
    }

    private static HttpRequestMessage Patch(string key, string json, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"odata/accounts({key})") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }
}
