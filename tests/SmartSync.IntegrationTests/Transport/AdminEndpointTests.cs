using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.IntegrationTests.Infrastructure;
using SmartSync.ReferenceServer;
using SmartSync.Transport;

namespace SmartSync.IntegrationTests.Transport;

/// <summary>The admin HTTP API (dashboard, row edits, sharing, counters) behind the admin token.</summary>
public sealed class AdminEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CrmServer Server => fixture.Server;

    private async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, string? json = null)
    {
        using var client = new HttpClient { BaseAddress = Server.BaseAddress };
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Server.AdminToken);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    [Fact]
    public async Task A_malformed_admin_edit_is_a_400_and_changes_nothing()
    {
        var alice = Server.User("alice");
        var contactKey = Server.OwnedKeys("contact", alice.Id)[22];
        var before = (await ServerRecordsAsync(contactKey))!;

        using var response = await AdminAsync(HttpMethod.Patch, $"admin/rows/contacts({contactKey})", "{\"jobtitle\": ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("InvalidJson", await response.Content.ReadAsStringAsync(), System.StringComparison.Ordinal);
        Assert.Equal(before, await ServerRecordsAsync(contactKey));
    }

    private async Task<string?> ServerRecordsAsync(string contactKey)
    {
        using var client = new HttpClient { BaseAddress = Server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Server.User("alice").Token);
        using var response = await client.GetAsync($"odata/contacts({contactKey})");
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
    }

    [Fact]
    public async Task Dashboard_lists_and_resolves_conflicts_over_http()
    {
        var alice = Server.User("alice");
        var contactKey = Server.OwnedKeys("contact", alice.Id)[21];

        using var edit = await AdminAsync(HttpMethod.Patch, $"admin/rows/contacts({contactKey})", """{"jobtitle":"Set by admin"}""");
        Assert.Equal(HttpStatusCode.NoContent, edit.StatusCode);
        using var handle = new TransportHandle(Server.BaseAddress, alice.Token);
        var outcome = Assert.Single(await handle.Transport.UploadAsync(
            Server.Model.Find("contact")!,
            [new UploadChange(contactKey, UploadOperation.Upsert, new Dictionary<string, object?> { ["jobtitle"] = "Set on device" }, "W/\"1\"", 1)],
            CancellationToken.None));
        Assert.Equal(UploadStatus.Conflict, outcome.Status);

        using var list = await AdminAsync(HttpMethod.Get, "admin/conflicts");
        using var document = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        var conflict = document.RootElement.GetProperty("value").EnumerateArray().Single(c => c.GetProperty("key").GetString() == contactKey);
        Assert.Equal("open", conflict.GetProperty("status").GetString());
        Assert.Equal("Set on device", conflict.GetProperty("deviceValues").GetProperty("jobtitle").GetString());

        var id = conflict.GetProperty("id").GetInt64();
        using var bad = await AdminAsync(HttpMethod.Post, $"admin/conflicts/{id}/resolve", """{"choice":"maybe"}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var resolve = await AdminAsync(HttpMethod.Post, $"admin/conflicts/{id}/resolve", """{"choice":"keep-server"}""");
        Assert.Equal(HttpStatusCode.NoContent, resolve.StatusCode);

        var resolution = Assert.Single(await handle.Transport.GetConflictResolutionsAsync(CancellationToken.None), r => r.Key == contactKey);
        Assert.Equal(ConflictChoice.KeepServer, resolution.Choice);
        Assert.Equal("Set by admin", resolution.Values!["jobtitle"]);
    }

    [Fact]
    public async Task Sharing_and_counters_over_http()
    {
        var bob = Server.User("bob");
        var carol = Server.User("carol");
        var key = Server.OwnedKeys("incident", bob.Id)[5];
        using var share = await AdminAsync(HttpMethod.Post, "admin/share", $$"""{"entity":"incident","key":"{{key}}","userId":"{{carol.Id}}"}""");
        Assert.Equal(HttpStatusCode.NoContent, share.StatusCode);
        using var unknown = await AdminAsync(HttpMethod.Post, "admin/share", """{"entity":"incident","key":"nope","userId":"nobody"}""");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        using var reset = await AdminAsync(HttpMethod.Post, "admin/counters/reset");
        using var handle = new TransportHandle(Server.BaseAddress, carol.Token);
        var (shared, _, _) = await Downloads.AllPagesAsync(handle.Transport, Server.Model.Find("incident")!, pageSize: 1000, shared: true);
        Assert.Contains(key, shared.Upserts.Keys);

        using var counters = await AdminAsync(HttpMethod.Get, "admin/counters");
        using var document = JsonDocument.Parse(await counters.Content.ReadAsStringAsync());
        Assert.Equal(shared.Upserts.Count, document.RootElement.GetProperty("recordsByEntity").GetProperty("incident").GetInt64());
        Assert.True(document.RootElement.GetProperty("requests").GetInt64() >= 1);
    }
}
