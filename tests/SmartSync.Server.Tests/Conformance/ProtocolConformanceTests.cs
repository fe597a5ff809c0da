using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using SmartSync.ReferenceServer;
using SmartSync.Server.Tests.Infrastructure;

namespace SmartSync.Server.Tests.Conformance;

/// <summary>
/// The protocol of docs/protocol.md, endpoint by endpoint, over raw HTTP against the library hosted by the
/// reference server. Runs once per storage provider (the subclasses below): the wire is the same on both.
/// </summary>
public abstract class ProtocolConformanceTests(ServerFixture fixture)
{
    private const string Json = "application/json";

    private Task<CrmServer> ServerAsync() => fixture.StartAsync();

    [SkippableFact]
    public async Task Every_endpoint_answers_401_without_or_with_a_wrong_token_and_leaks_nothing()
    {
        var server = await ServerAsync();
        var key = server.OwnedKeys("account", server.User("alice").Id, 1)[0];
        (HttpMethod Method, string Path)[] endpoints =
        [
            (HttpMethod.Get, "odata/$metadata"), (HttpMethod.Get, "odata/accounts"), (HttpMethod.Get, $"odata/accounts({key})"),
            (HttpMethod.Patch, $"odata/accounts({key})"), (HttpMethod.Delete, $"odata/accounts({key})"), (HttpMethod.Get, "api/whoami"),
            (HttpMethod.Get, "api/permissions"), (HttpMethod.Get, "api/deletelog"), (HttpMethod.Get, "api/blobs/images"), (HttpMethod.Get, "api/mail"),
            (HttpMethod.Get, "api/visiblekeys/accounts"), (HttpMethod.Get, "api/shared/accounts"), (HttpMethod.Get, "api/conflicts/resolutions"),
            (HttpMethod.Post, "api/conflicts/resolutions/1/ack"), (HttpMethod.Post, "api/fullsync/complete"), (HttpMethod.Get, "admin/conflicts"),
        ];
        foreach (var token in new[] { null, "not-a-token", server.AdminToken })
        {
            using var client = Http.Client(server, token);
            foreach (var (method, path) in endpoints)
            {
                if (token == server.AdminToken && path.StartsWith("admin", StringComparison.Ordinal))
                {
                    continue;
                }

                using var request = new HttpRequestMessage(method, path);
                if (method == HttpMethod.Patch)
                {
                    request.Content = new StringContent("{\"name\":\"x\"}", Encoding.UTF8, Json);
                }

                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with {(token is null ? "no token" : "a wrong token")}: {(int)response.StatusCode}");
                Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
                Assert.Empty(await response.Content.ReadAsByteArrayAsync());
            }
        }

        // A user's token does not open the admin endpoints.
        using var alice = Http.Client(server, server.User("alice").Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice.GetAsync("admin/conflicts")).StatusCode);
        var row = await server.Backend.FindAsync("account", key);
        Assert.NotNull(row);
        Assert.NotEqual("x", (string?)row["name"]); // none of the refused requests changed the record
    }

    [SkippableFact]
    public async Task Metadata_whoami_and_permissions_describe_the_caller()
    {
        var server = await ServerAsync();
        using var carol = Http.Client(server, server.User("carol").Token);
        var metadata = await carol.GetStringAsync("odata/$metadata");
        Assert.Contains("<EntityType Name=\"account\">", metadata, StringComparison.Ordinal);

        using var whoami = JsonDocument.Parse(await carol.GetStringAsync("api/whoami"));
        Assert.Equal(server.User("carol").Id, whoami.RootElement.GetProperty("userId").GetString());
        Assert.Equal("carol", whoami.RootElement.GetProperty("userName").GetString());
        Assert.False(whoami.RootElement.GetProperty("fullSyncRequired").GetBoolean());

        using var permissions = JsonDocument.Parse(await carol.GetStringAsync("api/permissions"));
        var account = permissions.RootElement.GetProperty("value").EnumerateArray().Single(p => p.GetProperty("entity").GetString() == "account");
        Assert.False(account.GetProperty("canDelete").GetBoolean()); // seeded restriction of the third user
        Assert.True(account.GetProperty("canRead").GetBoolean());
    }

    [SkippableFact]
    public async Task Paging_returns_every_owned_row_once_then_a_delta_brings_exactly_the_changes()
    {
        var server = await ServerAsync();
        var alice = server.User("alice");
        using var client = Http.Client(server, alice.Token);
        var (rows, deltaLink) = await DownloadAsync(client, "odata/contacts", pageSize: 7);
        var expected = server.OwnedKeys("contact", alice.Id, 100_000);
        Assert.Equal(expected.OrderBy(k => k, StringComparer.Ordinal), rows.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(rows.Values, r => Assert.Equal(alice.Id, r.GetProperty("_ownerid_value").GetString()));

        var edited = expected[3];
        var created = Guid.NewGuid().ToString("D");
        await server.EditRowAsync("contact", edited, new Dictionary<string, object?> { ["jobtitle"] = "edited" });
        await server.EditRowAsync("contact", created, new Dictionary<string, object?> { ["lastname"] = "new", ["_ownerid_value"] = alice.Id });
        await server.EditRowAsync("contact", server.OwnedKeys("contact", server.User("bob").Id, 1)[0], new Dictionary<string, object?> { ["jobtitle"] = "bob's" });
        var (delta, _) = await DownloadAsync(client, deltaLink!, pageSize: 7);
        Assert.Equal(new[] { created, edited }.OrderBy(k => k, StringComparer.Ordinal), delta.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("edited", delta[edited].GetProperty("jobtitle").GetString());
    }

    [SkippableFact]
    public async Task Another_users_unshared_row_never_leaks_through_any_endpoint()
    {
        var server = await ServerAsync();
        var alice = server.User("alice");
        var bob = server.User("bob");
        var secret = Guid.NewGuid().ToString("D");
        await server.EditRowAsync("account", secret, new Dictionary<string, object?> { ["name"] = "bob's secret", ["_ownerid_value"] = bob.Id });
        await server.Backend.AddBlobAsync(SyncBlobKind.Image, "secret-" + secret, "account", secret, "s.png", "image/png", [1, 2, 3]);
        using var client = Http.Client(server, alice.Token);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"odata/accounts({secret})")).StatusCode);
        var patch = await SendAsync(client, HttpMethod.Patch, $"odata/accounts({secret})", "{\"name\":\"hijacked\"}");
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"odata/accounts({secret})")).StatusCode);
        var stored = await server.Backend.FindAsync("account", secret);
        Assert.Equal("bob's secret", stored!["name"]);

        var (owned, _) = await DownloadAsync(client, "odata/accounts", 500);
        var (shared, _) = await DownloadAsync(client, "api/shared/accounts", 500);
        Assert.DoesNotContain(secret, owned.Keys);
        Assert.DoesNotContain(secret, shared.Keys);
        Assert.DoesNotContain(secret, await VisibleKeysAsync(client, "accounts"));
        Assert.DoesNotContain("secret-" + secret, await CursorFeedAsync(client, "api/blobs/images", "id"));

        await server.DeleteRowAsync("account", secret);
        Assert.DoesNotContain(secret, await CursorFeedAsync(client, "api/deletelog", "key"));
        using var bobClient = Http.Client(server, bob.Token);
        Assert.Contains(secret, await CursorFeedAsync(bobClient, "api/deletelog", "key"));
    }

    [SkippableFact]
    public async Task Sharing_brings_a_row_through_the_shared_endpoint_and_unsharing_removes_it()
    {
        var server = await ServerAsync();
        var key = Guid.NewGuid().ToString("D");
        await server.EditRowAsync("lead", key, new Dictionary<string, object?> { ["lastname"] = "shared", ["_ownerid_value"] = server.User("bob").Id });
        using var alice = Http.Client(server, server.User("alice").Token);
        using var carol = Http.Client(server, server.User("carol").Token);
        var (_, aliceDelta) = await DownloadAsync(alice, "api/shared/leads", 100);
        await server.ShareAsync("lead", key, server.User("alice").Id);
        var (afterShare, aliceDelta2) = await DownloadAsync(alice, aliceDelta!, 100);
        Assert.Contains(key, afterShare.Keys);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"odata/leads({key})")).StatusCode);
        var (carolShared, _) = await DownloadAsync(carol, "api/shared/leads", 1000);
        Assert.DoesNotContain(key, carolShared.Keys);

        await server.UnshareAsync("lead", key, server.User("alice").Id);
        using var page = JsonDocument.Parse(await alice.GetStringAsync(aliceDelta2!));
        var removed = page.RootElement.GetProperty("value").EnumerateArray().Single(r => r.GetProperty("leadid").GetString() == key);
        Assert.True(removed.TryGetProperty("@removed", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"odata/leads({key})")).StatusCode);
    }

    [SkippableFact]
    public async Task Uploads_create_update_conflict_and_the_resolution_reaches_only_the_conflicting_device()
    {
        var server = await ServerAsync();
        var alice = server.User("alice");
        using var phone = Http.Client(server, alice.Token, device: "phone");
        using var laptop = Http.Client(server, alice.Token, device: "laptop");
        var key = Guid.NewGuid().ToString("D");

        var created = await SendAsync(phone, HttpMethod.Patch, $"odata/accounts({key})", "{\"name\":\"v1\"}");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using (var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()))
        {
            Assert.Equal(alice.Id, body.RootElement.GetProperty("_ownerid_value").GetString());
        }

        var etag = created.Headers.ETag!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(phone, HttpMethod.Patch, $"odata/accounts({key})", "{\"name\":\"v2\"}", etag)).StatusCode);

        var conflict = await SendAsync(phone, HttpMethod.Patch, $"odata/accounts({key})", "{\"name\":\"phone v3\"}", etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, conflict.StatusCode);
        using (var body = JsonDocument.Parse(await conflict.Content.ReadAsStringAsync()))
        {
            Assert.Equal("v2", body.RootElement.GetProperty("name").GetString());
        }

        var open = (await server.Backend.ListConflictsAsync()).Single(c => c.Key == key && c.Status == "open");
        Assert.True(await server.ResolveConflictAsync(open.Id, keepDevice: true));
        Assert.Equal("phone v3", (await server.Backend.FindAsync("account", key))!["name"]);

        Assert.DoesNotContain(key, await ResolutionKeysAsync(laptop));
        Assert.Contains(key, await ResolutionKeysAsync(phone));
        Assert.Equal(HttpStatusCode.NoContent, (await phone.PostAsync($"api/conflicts/resolutions/{open.Id}/ack", null)).StatusCode);
        Assert.DoesNotContain(key, await ResolutionKeysAsync(phone));
    }

    [SkippableFact]
    public async Task A_delete_with_a_stale_etag_is_a_conflict_and_a_current_one_deletes_and_logs()
    {
        var server = await ServerAsync();
        var alice = server.User("alice");
        using var client = Http.Client(server, alice.Token);
        var key = Guid.NewGuid().ToString("D");
        var created = await SendAsync(client, HttpMethod.Patch, $"odata/tasks({key})", "{\"subject\":\"device\"}");
        var deviceEtag = created.Headers.ETag!.ToString();
        var serverEtag = await server.EditRowAsync("task", key, new Dictionary<string, object?> { ["subject"] = "edited on the server" });

        var stale = await SendAsync(client, HttpMethod.Delete, $"odata/tasks({key})", ifMatch: deviceEtag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("edited on the server", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.NotNull(await server.Backend.FindAsync("task", key));
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(client, HttpMethod.Delete, $"odata/tasks({key})", ifMatch: serverEtag)).StatusCode);

        Assert.Null(await server.Backend.FindAsync("task", key));
        Assert.Contains(key, await CursorFeedAsync(client, "api/deletelog", "key"));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"odata/tasks({key})")).StatusCode); // idempotent
    }

    [SkippableFact]
    public async Task Permissions_from_the_policy_refuse_writes_with_403()
    {
        var server = await ServerAsync();
        var carol = server.User("carol");
        using var client = Http.Client(server, carol.Token);
        var own = server.OwnedKeys("account", carol.Id, 1)[0];
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"odata/accounts({own})")).StatusCode);
        Assert.NotNull(await server.Backend.FindAsync("account", own));
        var campaign = await SendAsync(client, HttpMethod.Patch, $"odata/campaigns({Guid.NewGuid():D})", "{\"name\":\"no\"}");
        Assert.Equal(HttpStatusCode.Forbidden, campaign.StatusCode);
    }

    [SkippableFact]
    public async Task A_user_the_policy_denies_reading_gets_403_for_lists_single_records_and_visible_keys()
    {
        var server = await ServerAsync();
        var carol = server.User("carol");
        var own = server.OwnedKeys("contact", carol.Id, 1)[0];
        await server.SetPermissionAsync(carol.Id, "contact", canRead: false, canCreate: false, canUpdate: false, canDelete: false);
        try
        {
            using var client = Http.Client(server, carol.Token);
            foreach (var path in new[] { "odata/contacts", $"odata/contacts({own})", "api/visiblekeys/contacts" })
            {
                var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                Assert.DoesNotContain(own, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            await server.SetPermissionAsync(carol.Id, "contact", canRead: true, canCreate: true, canUpdate: true, canDelete: true);
        }
    }

    [SkippableFact]
    public async Task Cursors_and_tokens_that_are_invalid_expired_or_foreign_answer_410()
    {
        var server = await ServerAsync();
        using var alice = Http.Client(server, server.User("alice").Token);
        using var bob = Http.Client(server, server.User("bob").Token);
        foreach (var path in new[] { "api/deletelog?cursor=abc", "api/deletelog?cursor=999999999999", "api/blobs/images?cursor=-1", "api/mail?cursor=99999999999", "odata/accounts?$deltatoken=forged" })
        {
            Assert.Equal(HttpStatusCode.Gone, (await alice.GetAsync(path)).StatusCode);
        }

        var (_, deltaLink) = await DownloadAsync(alice, "odata/industrycodes", 100);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync(deltaLink)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await bob.GetAsync(deltaLink)).StatusCode); // issued to another user
        await server.ExpireTokensAsync();
        Assert.Equal(HttpStatusCode.Gone, (await alice.GetAsync(deltaLink)).StatusCode);
    }

    [SkippableFact]
    public async Task Blobs_and_mail_page_with_cursors_and_only_the_users_own()
    {
        var server = await ServerAsync();
        var alice = server.User("alice");
        using var client = Http.Client(server, alice.Token);
        var mail = await CursorFeedAsync(client, "api/mail", "id", top: 4);
        Assert.NotEmpty(mail);
        Assert.Equal(mail.Count, mail.Distinct().Count());
        Assert.All(mail, id => Assert.StartsWith("mail-0-", id, StringComparison.Ordinal));
        var images = await CursorFeedAsync(client, "api/blobs/images", "recordKey", top: 3);
        Assert.NotEmpty(images);
        var visible = (await VisibleKeysAsync(client, "accounts")).Concat(await VisibleKeysAsync(client, "contacts")).ToHashSet(StringComparer.Ordinal);
        Assert.All(images, key => Assert.Contains(key, visible));
    }

    [SkippableFact]
    public async Task A_streamed_blob_page_lists_lengths_and_each_blobs_bytes_come_raw_from_its_own_request()
    {
        var server = await ServerAsync();
        var alice = server.User("alice");
        var bob = server.User("bob");
        var key = Guid.NewGuid().ToString("D");
        await server.EditRowAsync("account", key, new Dictionary<string, object?> { ["name"] = "alice's own", ["_ownerid_value"] = alice.Id });
        var id = "stream-" + Guid.NewGuid().ToString("N");
        var content = new byte[300_000];
        new Random(7).NextBytes(content);
        Assert.True(await server.Backend.AddBlobAsync(SyncBlobKind.Document, id, "account", key, "big.bin", "application/octet-stream", content));
        using var client = Http.Client(server, alice.Token);

        var streamed = await BlobItemAsync(client, "api/blobs/documents?top=1000&content=stream", id);
        Assert.Equal(content.Length, streamed.GetProperty("length").GetInt64());
        Assert.False(streamed.TryGetProperty("content", out _), "a streamed page carries no bytes");
        var raw = await client.GetAsync($"api/blobs/documents/{id}");
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal(content.Length, raw.Content.Headers.ContentLength);
        Assert.Equal(content, await raw.Content.ReadAsByteArrayAsync());

        // Clients that do not ask for streaming still get the bytes inline.
        var inline = await BlobItemAsync(client, "api/blobs/documents?top=1000", id);
        Assert.Equal(content, inline.GetProperty("content").GetBytesFromBase64());

        using var bobClient = Http.Client(server, bob.Token);
        Assert.Equal(HttpStatusCode.NotFound, (await bobClient.GetAsync($"api/blobs/documents/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("api/blobs/documents/no-such-blob")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/blobs/images/{id}")).StatusCode);
        foreach (var unknownKind in new[] { "api/blobs/videos", $"api/blobs/videos/{id}" })
        {
            var refused = await client.GetAsync(unknownKind);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Contains("UnknownKind", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static async Task<JsonElement> BlobItemAsync(HttpClient client, string path, string id)
    {
        using var page = JsonDocument.Parse(await client.GetStringAsync(path));
        return page.RootElement.GetProperty("value").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id).Clone();
    }

    [SkippableFact]
    public async Task A_full_sync_demand_stays_until_each_device_acknowledges_its_own()
    {
        var server = await ServerAsync();
        var bob = server.User("bob");
        using var phone = Http.Client(server, bob.Token, device: "bob-phone");
        using var laptop = Http.Client(server, bob.Token, device: "bob-laptop");
        Assert.False(await FullSyncRequiredAsync(phone));
        Assert.False(await FullSyncRequiredAsync(laptop));

        await server.RequireFullSyncAsync(bob.Id);
        Assert.True(await FullSyncRequiredAsync(phone));
        Assert.True(await FullSyncRequiredAsync(laptop));

        await CompleteFullSyncAsync(phone);
        Assert.False(await FullSyncRequiredAsync(phone));
        Assert.True(await FullSyncRequiredAsync(laptop)); // the phone's acknowledgement is not the laptop's

        await CompleteFullSyncAsync(laptop);
        Assert.False(await FullSyncRequiredAsync(laptop));
    }

    [SkippableFact]
    public async Task A_cursor_belongs_to_the_device_it_was_issued_to()
    {
        var server = await ServerAsync();
        var alice = server.User("alice");
        using var phone = Http.Client(server, alice.Token, device: "alice-phone");
        using var laptop = Http.Client(server, alice.Token, device: "alice-laptop");
        var (_, phoneDelta) = await DownloadAsync(phone, "odata/contacts", 500);
        var (_, laptopDelta) = await DownloadAsync(laptop, "odata/contacts", 500);
        await server.EditRowAsync("contact", server.OwnedKeys("contact", alice.Id, 1)[0], new Dictionary<string, object?> { ["jobtitle"] = "moved on" });

        // The laptop presenting the phone's cursor would skip what the phone has and it has not: 410, start over.
        Assert.Equal(HttpStatusCode.Gone, (await laptop.GetAsync(phoneDelta)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await phone.GetAsync(laptopDelta)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync(phoneDelta)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync(laptopDelta)).StatusCode);
        using var headerless = Http.Client(server, alice.Token);
        Assert.Equal(HttpStatusCode.Gone, (await headerless.GetAsync(phoneDelta)).StatusCode);
    }

    [SkippableFact]
    public async Task Two_devices_conflicting_on_one_record_each_get_their_own_conflict_and_resolution()
    {
        var server = await ServerAsync();
        var alice = server.User("alice");
        using var phone = Http.Client(server, alice.Token, device: "conflict-phone");
        using var laptop = Http.Client(server, alice.Token, device: "conflict-laptop");
        var key = Guid.NewGuid().ToString("D");
        var created = await SendAsync(phone, HttpMethod.Patch, $"odata/accounts({key})", "{\"name\":\"v1\"}");
        var etag = created.Headers.ETag!.ToString();
        await server.EditRowAsync("account", key, new Dictionary<string, object?> { ["name"] = "server" });

        foreach (var (client, name) in new[] { (phone, "phone"), (laptop, "laptop"), (phone, "phone again") })
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(client, HttpMethod.Patch, $"odata/accounts({key})", $"{{\"name\":\"{name}\"}}", etag)).StatusCode);
        }

        var open = (await server.Backend.ListConflictsAsync()).Where(c => c.Key == key && c.Status == "open").ToList();
        Assert.Equal(2, open.Count); // one per device: the phone's retry refreshed its own
        Assert.Equal(["conflict-laptop", "conflict-phone"], open.Select(c => c.DeviceId).Order(StringComparer.Ordinal));
        var phoneConflict = open.Single(c => c.DeviceId == "conflict-phone");
        Assert.Equal("phone again", phoneConflict.DeviceValues["name"].GetString());

        Assert.True(await server.ResolveConflictAsync(phoneConflict.Id, keepDevice: false));
        Assert.Contains(key, await ResolutionKeysAsync(phone));
        Assert.DoesNotContain(key, await ResolutionKeysAsync(laptop));
        Assert.Equal(HttpStatusCode.NotFound, (await laptop.PostAsync($"api/conflicts/resolutions/{phoneConflict.Id}/ack", null)).StatusCode);
        Assert.Contains(key, await ResolutionKeysAsync(phone)); // the laptop could not acknowledge it for the phone
        Assert.Equal("open", (await server.Backend.ListConflictsAsync()).Single(c => c.DeviceId == "conflict-laptop" && c.Key == key).Status);
    }

    [SkippableFact]
    public async Task A_full_sync_demanded_while_a_device_runs_one_survives_that_devices_acknowledgement()
    {
        var server = await ServerAsync();
        var carol = server.User("carol");
        using var phone = Http.Client(server, carol.Token, device: "carol-phone");
        using var tablet = Http.Client(server, carol.Token, device: "carol-tablet");
        Assert.False(await FullSyncRequiredAsync(phone));
        Assert.False(await FullSyncRequiredAsync(tablet));

        await server.RequireFullSyncAsync(carol.Id);
        Assert.True(await FullSyncRequiredAsync(phone));   // the phone starts its full sync...
        await server.RequireFullSyncAsync(carol.Id);       // ...the administrator demands another meanwhile...
        await CompleteFullSyncAsync(phone);
        Assert.True(await FullSyncRequiredAsync(phone));   // ...which the phone's run did not cover.
        await CompleteFullSyncAsync(phone);
        Assert.False(await FullSyncRequiredAsync(phone));

        // Same for a demand aimed at one device.
        await server.Backend.RequireFullSyncAsync(carol.Id, "carol-phone");
        Assert.True(await FullSyncRequiredAsync(phone));
        await server.Backend.RequireFullSyncAsync(carol.Id, "carol-phone");
        await CompleteFullSyncAsync(phone);
        Assert.True(await FullSyncRequiredAsync(phone));
        await CompleteFullSyncAsync(phone);
        Assert.False(await FullSyncRequiredAsync(phone));

        // The tablet never acknowledged: both user-wide demands are still its own to meet.
        Assert.True(await FullSyncRequiredAsync(tablet));
        await CompleteFullSyncAsync(tablet);
        Assert.False(await FullSyncRequiredAsync(tablet));
    }

    /// <summary>Sends a write as a device does: an optional JSON body and an optional If-Match ETag.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? json = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, Json);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The device reports its full sync done; the server answers 204.</summary>
    private static async Task CompleteFullSyncAsync(HttpClient client) =>
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("api/fullsync/complete", null)).StatusCode);

    private static async Task<bool> FullSyncRequiredAsync(HttpClient client)
    {
        using var whoami = JsonDocument.Parse(await client.GetStringAsync("api/whoami"));
        return whoami.RootElement.GetProperty("fullSyncRequired").GetBoolean();
    }

    private static async Task<HashSet<string>> ResolutionKeysAsync(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("api/conflicts/resolutions"));
        return document.RootElement.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("key").GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Follows nextLinks to the end; every record once (a duplicate fails), plus the final deltaLink.</summary>
    internal static async Task<(Dictionary<string, JsonElement> Rows, string? DeltaLink)> DownloadAsync(HttpClient client, string url, int pageSize)
    {
        var rows = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        string? next = url;
        string? delta = null;
        while (next is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.TryAddWithoutValidation("Prefer", $"odata.track-changes, odata.maxpagesize={pageSize}");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            foreach (var row in page.RootElement.GetProperty("value").EnumerateArray())
            {
                if (row.TryGetProperty("@removed", out _))
                {
                    continue;
                }

                var key = row.EnumerateObject().First(p => p.Name.EndsWith("id", StringComparison.Ordinal) && !p.Name.StartsWith('_') && !p.Name.StartsWith('@')).Value.GetString()!;
                Assert.True(rows.TryAdd(key, row.Clone()), $"{key} came twice");
            }

            next = page.RootElement.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
            delta = page.RootElement.TryGetProperty("@odata.deltaLink", out var deltaLink) ? deltaLink.GetString() : delta;
        }

        return (rows, delta);
    }

    internal static async Task<List<string>> VisibleKeysAsync(HttpClient client, string set)
    {
        var keys = new List<string>();
        string? cursor = null;
        do
        {
            using var page = JsonDocument.Parse(await client.GetStringAsync($"api/visiblekeys/{set}?top=50" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor))));
            keys.AddRange(page.RootElement.GetProperty("value").EnumerateArray().Select(k => k.GetString()!));
            cursor = page.RootElement.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return keys;
    }

    internal static async Task<List<string>> CursorFeedAsync(HttpClient client, string path, string property, int top = 50)
    {
        var items = new List<string>();
        var cursor = string.Empty;
        while (true)
        {
            using var page = JsonDocument.Parse(await client.GetStringAsync($"{path}?top={top}&cursor={cursor}"));
            items.AddRange(page.RootElement.GetProperty("value").EnumerateArray().Select(i => i.GetProperty(property).GetString()!));
            cursor = page.RootElement.GetProperty("cursor").GetString()!;
            if (!page.RootElement.GetProperty("hasMore").GetBoolean())
            {
                return items;
            }
        }
    }
}

public sealed class SqliteProtocolConformanceTests(SqliteServerFixture fixture) : ProtocolConformanceTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresProtocolConformanceTests(PostgresServerFixture fixture) : ProtocolConformanceTests(fixture), IClassFixture<PostgresServerFixture>;
