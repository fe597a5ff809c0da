using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;
using SmartSync.Definitions.Parsing;
using SmartSync.IntegrationTests.Infrastructure;
using SmartSync.ReferenceServer;
using SmartSync.Transport;

namespace SmartSync.IntegrationTests.Transport;

/// <summary>HttpSyncTransport against the real reference server: metadata, paging, deltas, removals, delete log.</summary>
public sealed class HttpTransportDownloadTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CrmServer Server => fixture.Server;

    private static EntityDataModel ParseModel(string csdl)
    {
        var result = CsdlParser.Parse(csdl, "$metadata");
        Assert.NotNull(result.Model);
        return result.Model!;
    }

    private async Task<EntityTypeDefinition> EntityAsync(ISyncTransport transport, string name) =>
        ParseModel(await transport.GetMetadataAsync(CancellationToken.None)).Find(name)!;

    [Fact]
    public async Task Metadata_is_the_servers_csdl_with_inheritance()
    {
        using var handle = new TransportHandle(Server.BaseAddress, Server.User("alice").Token);
        var model = ParseModel(await handle.Transport.GetMetadataAsync(CancellationToken.None));

        Assert.Equal(Server.Model.Entities.Count, model.Entities.Count);
        var task = model.Find("task")!;
        Assert.Equal("activitypointer", task.BaseType);
        Assert.Equal("activityid", task.Key);
        Assert.Contains(task.Properties, p => p.Name == "subject");
        Assert.Equal("tasks", task.EntitySetName);
    }

    [Fact]
    public async Task WhoAmI_reports_user_customization_and_full_sync_flag()
    {
        var bob = Server.User("bob");
        using var handle = new TransportHandle(Server.BaseAddress, bob.Token);
        var session = await handle.Transport.WhoAmIAsync(CancellationToken.None);
        Assert.Equal(bob.Id, session.UserId);
        Assert.Equal("bob", session.UserName);
        Assert.False(string.IsNullOrEmpty(session.OrganizationName));
        Assert.False(session.FullSyncRequired);

        var before = session.CustomizationVersion;
        await Server.BumpCustomizationAsync();
        await Server.RequireFullSyncAsync(bob.Id);
        session = await handle.Transport.WhoAmIAsync(CancellationToken.None);
        Assert.NotEqual(before, session.CustomizationVersion);
        Assert.True(session.FullSyncRequired);

        await handle.Transport.AcknowledgeFullSyncAsync(CancellationToken.None);
        Assert.False((await handle.Transport.WhoAmIAsync(CancellationToken.None)).FullSyncRequired);
    }

    [Fact]
    public async Task Full_download_pages_through_owned_records_then_delta_brings_only_changes()
    {
        var alice = Server.User("alice");
        using var handle = new TransportHandle(Server.BaseAddress, alice.Token);
        var account = await EntityAsync(handle.Transport, "account");
        var owned = Server.OwnedKeys("account", alice.Id, 10_000);

        var sentBefore = Server.Counters.RecordsSentFor("account");
        var (sink, delta, pages) = await Downloads.AllPagesAsync(handle.Transport, account, pageSize: 15);
        Assert.Equal(owned.Count, sink.Upserts.Count);
        Assert.Equal(owned.Count, sink.UpsertCalls);
        Assert.True(pages > 2, $"expected several pages, got {pages}");
        Assert.All(sink.Upserts.Values, r => Assert.Equal(alice.Id, r["_ownerid_value"]));
        Assert.Equal(owned.Count, Server.Counters.RecordsSentFor("account") - sentBefore);

        // Values arrive typed per the contract: strings, longs, decimals as their JSON text, ETags per record.
        var first = sink.Upserts[owned[0]];
        Assert.IsType<string>(first["name"]);
        Assert.True(first["numberofemployees"] is long or null);
        Assert.True(first["revenue"] is string or null);
        Assert.StartsWith("W/\"", sink.ETags[owned[0]]);

        // Nothing changed: the delta is empty.
        sentBefore = Server.Counters.RecordsSentFor("account");
        var (empty, delta2, _) = await Downloads.AllPagesAsync(handle.Transport, account, delta);
        Assert.Empty(empty.Upserts);
        Assert.Equal(0, Server.Counters.RecordsSentFor("account") - sentBefore);

        // Two edits and one new record: exactly three records come back.
        await Server.EditRowAsync("account", owned[1], new Dictionary<string, object?> { ["name"] = "Edited one" });
        await Server.EditRowAsync("account", owned[2], new Dictionary<string, object?> { ["numberofemployees"] = 4242 });
        var created = Guid.NewGuid().ToString("D");
        await Server.EditRowAsync("account", created, new Dictionary<string, object?> { ["name"] = "New", ["_ownerid_value"] = alice.Id });
        sentBefore = Server.Counters.RecordsSentFor("account");
        var (changes, _, _) = await Downloads.AllPagesAsync(handle.Transport, account, delta2);
        Assert.Equal(3, changes.Upserts.Count);
        Assert.Equal(3, Server.Counters.RecordsSentFor("account") - sentBefore);
        Assert.Equal("Edited one", changes.Upserts[owned[1]]["name"]);
        Assert.Equal(4242L, changes.Upserts[owned[2]]["numberofemployees"]);
        Assert.True(changes.Upserts.ContainsKey(created));
    }

    [Fact]
    public async Task Reassigned_record_arrives_as_removed_for_the_old_owner_and_as_upsert_for_the_new()
    {
        var alice = Server.User("alice");
        var bob = Server.User("bob");
        using var aliceHandle = new TransportHandle(Server.BaseAddress, alice.Token);
        using var bobHandle = new TransportHandle(Server.BaseAddress, bob.Token);
        var contact = await EntityAsync(aliceHandle.Transport, "contact");
        var (_, aliceDelta, _) = await Downloads.AllPagesAsync(aliceHandle.Transport, contact, pageSize: 500);
        var (_, bobDelta, _) = await Downloads.AllPagesAsync(bobHandle.Transport, contact, pageSize: 500);

        var key = Server.OwnedKeys("contact", alice.Id)[3];
        await Server.EditRowAsync("contact", key, new Dictionary<string, object?> { ["_ownerid_value"] = bob.Id });

        var (aliceChanges, _, _) = await Downloads.AllPagesAsync(aliceHandle.Transport, contact, aliceDelta);
        Assert.Equal([key], aliceChanges.Removed);
        Assert.Empty(aliceChanges.Upserts);

        var (bobChanges, _, _) = await Downloads.AllPagesAsync(bobHandle.Transport, contact, bobDelta);
        Assert.Equal([key], bobChanges.Upserts.Keys);
        Assert.Empty(bobChanges.Removed);
    }

    [Fact]
    public async Task A_stored_link_is_rebased_onto_the_configured_server()
    {
        using var handle = new TransportHandle(Server.BaseAddress, Server.User("alice").Token);
        var account = await EntityAsync(handle.Transport, "account");
        var (_, delta, _) = await Downloads.AllPagesAsync(handle.Transport, account, pageSize: 1000);

        // The server moved (another port): the cursor still works against the configured address.
        var moved = new UriBuilder(delta) { Port = 1 }.Uri.AbsoluteUri;
        var page = await handle.Transport.DownloadPageAsync(new EntityDownloadRequest(account, moved, 100), new CollectingSink(), CancellationToken.None);
        Assert.NotNull(page.DeltaLink);
        Assert.StartsWith(Server.BaseAddress.AbsoluteUri, page.DeltaLink, StringComparison.Ordinal);

        // Whatever the stored host, the request goes to the configured server, which knows no such path.
        var foreign = await Assert.ThrowsAsync<ServerErrorException>(() =>
            handle.Transport.DownloadPageAsync(new EntityDownloadRequest(account, "http://attacker.example/elsewhere", 100), new CollectingSink(), CancellationToken.None));
        Assert.Equal(404, foreign.StatusCode);
    }

    [Fact]
    public async Task Delete_log_has_its_own_cursor_and_only_the_users_records()
    {
        var alice = Server.User("alice");
        using var aliceHandle = new TransportHandle(Server.BaseAddress, alice.Token);
        using var bobHandle = new TransportHandle(Server.BaseAddress, Server.User("bob").Token);
        var aliceStart = await DrainDeleteLogAsync(aliceHandle.Transport, null);
        var bobStart = await DrainDeleteLogAsync(bobHandle.Transport, null);

        // Row 1 of alice's leads is not shared with bob (every tenth row is shared with the next user).
        var key = Server.OwnedKeys("lead", alice.Id)[1];
        Assert.True(await Server.DeleteRowAsync("lead", key));

        var page = await aliceHandle.Transport.GetDeleteLogAsync(aliceStart.Cursor, 100, CancellationToken.None);
        Assert.Contains(new DeletedRecord("lead", key), page.Items);
        Assert.False(page.HasMore);
        var again = await aliceHandle.Transport.GetDeleteLogAsync(page.Cursor, 100, CancellationToken.None);
        Assert.Empty(again.Items);

        var bobPage = await bobHandle.Transport.GetDeleteLogAsync(bobStart.Cursor, 100, CancellationToken.None);
        Assert.DoesNotContain(bobPage.Items, d => d.Key == key);
    }

    [Fact]
    public async Task Delete_log_pages_with_has_more()
    {
        var alice = Server.User("alice");
        using var handle = new TransportHandle(Server.BaseAddress, alice.Token);
        var start = await DrainDeleteLogAsync(handle.Transport, null);
        var keys = Server.OwnedKeys("campaign", alice.Id).Skip(1).Take(5).ToList();
        foreach (var key in keys)
        {
            await Server.DeleteRowAsync("campaign", key);
        }

        var first = await handle.Transport.GetDeleteLogAsync(start.Cursor, 2, CancellationToken.None);
        Assert.Equal(2, first.Items.Count);
        Assert.True(first.HasMore);
        var rest = await DrainDeleteLogAsync(handle.Transport, first.Cursor);
        Assert.Equal(keys, first.Items.Concat(rest.Items).Select(d => d.Key));
    }

    [Fact]
    public async Task Invalid_cursor_and_tokens_answer_410_as_SyncTokenExpiredException()
    {
        using var handle = new TransportHandle(Server.BaseAddress, Server.User("alice").Token);
        var account = await EntityAsync(handle.Transport, "account");
        var (_, delta, _) = await Downloads.AllPagesAsync(handle.Transport, account, pageSize: 1000);

        var forged = delta[..^4] + "AAAA";
        var ex = await Assert.ThrowsAsync<SyncTokenExpiredException>(() =>
            handle.Transport.DownloadPageAsync(new EntityDownloadRequest(account, forged, 100), new CollectingSink(), CancellationToken.None));
        Assert.Equal("account", ex.Entity);

        await Assert.ThrowsAsync<SyncTokenExpiredException>(() => handle.Transport.GetDeleteLogAsync("not-a-cursor", 10, CancellationToken.None));

        // A delta token of another user is refused too.
        using var bob = new TransportHandle(Server.BaseAddress, Server.User("bob").Token);
        await Assert.ThrowsAsync<SyncTokenExpiredException>(() =>
            bob.Transport.DownloadPageAsync(new EntityDownloadRequest(account, delta, 100), new CollectingSink(), CancellationToken.None));

        // The admin expires every token: the valid delta link now answers 410.
        await Server.ExpireTokensAsync();
        var expired = await Assert.ThrowsAsync<SyncTokenExpiredException>(() =>
            handle.Transport.DownloadPageAsync(new EntityDownloadRequest(account, delta, 100), new CollectingSink(), CancellationToken.None));
        Assert.Equal("account", expired.Entity);
    }

    [Fact]
    public async Task Blobs_mail_permissions_and_visible_keys_are_per_user()
    {
        var alice = Server.User("alice");
        var carol = Server.User("carol");
        using var aliceHandle = new TransportHandle(Server.BaseAddress, alice.Token);
        using var carolHandle = new TransportHandle(Server.BaseAddress, carol.Token);

        var images = await aliceHandle.Transport.GetBlobsAsync(BlobKind.EntityImage, null, 1000, CancellationToken.None);
        Assert.NotEmpty(images.Items);
        var visibleContacts = await AllVisibleKeysAsync(aliceHandle.Transport, "contact");
        var visibleAccounts = await AllVisibleKeysAsync(aliceHandle.Transport, "account");
        Assert.All(images.Items, i => Assert.Contains(i.RecordKey, i.Entity == "contact" ? visibleContacts : visibleAccounts));
        foreach (var image in images.Items)
        {
            // Pages list lengths; each blob's bytes stream from its own request.
            Assert.True(image.Length > 0, image.Id);
            using var bytes = new System.IO.MemoryStream();
            Assert.True(await aliceHandle.Transport.CopyBlobContentAsync(image, bytes, CancellationToken.None));
            Assert.Equal(image.Length, bytes.Length);
        }

        // Another user cannot fetch the bytes of a blob they may not see.
        var carolImages = await carolHandle.Transport.GetBlobsAsync(BlobKind.EntityImage, null, 1000, CancellationToken.None);
        var hidden = images.Items.First(i => carolImages.Items.All(c => c.Id != i.Id));
        Assert.False(await carolHandle.Transport.CopyBlobContentAsync(hidden, new System.IO.MemoryStream(), CancellationToken.None));
        var documents = await aliceHandle.Transport.GetBlobsAsync(BlobKind.Document, null, 1000, CancellationToken.None);
        Assert.All(documents.Items, d => Assert.Equal("account", d.Entity));

        var mail = await aliceHandle.Transport.GetMailAsync(null, 1000, CancellationToken.None);
        Assert.NotEmpty(mail.Items);
        Assert.All(mail.Items, m => Assert.Contains("alice", m.To, StringComparison.Ordinal));
        var next = await aliceHandle.Transport.GetMailAsync(mail.Cursor, 1000, CancellationToken.None);
        Assert.Empty(next.Items);

        var permissions = await carolHandle.Transport.GetPermissionsAsync(CancellationToken.None);
        var accountPermission = Assert.Single(permissions, p => p.Entity == "account");
        Assert.False(accountPermission.CanDelete);
        Assert.True(accountPermission.CanRead);

        // Visible keys: owned + shared, never another user's unshared record.
        var owned = Server.OwnedKeys("contact", alice.Id, 10_000).ToHashSet();
        var bobsUnshared = Server.OwnedKeys("contact", Server.User("bob").Id, 10_000).Where((_, i) => i % 10 != 0);
        Assert.Subset(visibleContacts, owned);
        Assert.DoesNotContain(bobsUnshared, visibleContacts.Contains);
    }

    private async Task<HashSet<string>> AllVisibleKeysAsync(ISyncTransport transport, string entityName)
    {
        var entity = await EntityAsync(transport, entityName);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = await transport.GetVisibleKeysAsync(entity, cursor, 40, CancellationToken.None);
            keys.UnionWith(page.Keys);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return keys;
    }

    private static async Task<DeleteLogPage> DrainDeleteLogAsync(ISyncTransport transport, string? cursor)
    {
        var items = new List<DeletedRecord>();
        while (true)
        {
            var page = await transport.GetDeleteLogAsync(cursor, 100, CancellationToken.None);
            items.AddRange(page.Items);
            cursor = page.Cursor;
            if (!page.HasMore)
            {
                return page with { Items = items };
            }
        }
    }
}
