using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Server.Access;
using SmartSync.Server.Tests.Conformance;
using SmartSync.Server.Tests.Infrastructure;

namespace SmartSync.Server.Tests.Visibility;

/// <summary>
/// An app's own visibility rule (<see cref="ISyncVisibilityPolicy"/>): alice is granted bob's accounts, leads are
/// organization-wide for bob; carol keeps the default. Every endpoint (lists and deltas, single records, visible
/// keys, uploads, blobs, the delete log, WhoAmI) follows the policy, on both providers, and nobody sees a row the
/// policy does not grant them.
/// </summary>
public sealed class VisibilityPolicyTests
{
    private const string Json = "application/json";
    private const string Alice = "00000000-0000-4000-8000-00000000000a";
    private const string Bob = "00000000-0000-4000-8000-00000000000b";
    private const string Carol = "00000000-0000-4000-8000-00000000000c";

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_custom_policy_changes_what_a_user_sees_on_every_endpoint_and_nothing_else_leaks(string provider)
    {
        var policy = new GrantingPolicy();
        await using var host = await JwtTestHost.StartAsync(provider, sync => sync.UseVisibilityPolicy(policy));
        var backend = host.Backend;
        var a1 = await AccountAsync(backend, Alice, "alice's");
        var b1 = await AccountAsync(backend, Bob, "bob's 1");
        var b2 = await AccountAsync(backend, Bob, "bob's 2");
        var c1 = await AccountAsync(backend, Carol, "carol's 1");
        var c2 = await AccountAsync(backend, Carol, "carol's 2");
        Assert.True(await backend.AddBlobAsync(SyncBlobKind.Image, "img-b1", "account", b1, "b.png", "image/png", [1, 2]));
        Assert.True(await backend.AddBlobAsync(SyncBlobKind.Image, "img-c1", "account", c1, "c.png", "image/png", [3, 4]));
        var lead = Guid.NewGuid().ToString("D");
        await backend.UpsertAsync("lead", lead, new Dictionary<string, object?> { ["lastname"] = "carol's lead", ["_ownerid_value"] = Carol });

        using var alice = host.Client(Alice);
        using var bob = host.Client(Bob);
        using var carol = host.Client(Carol);

        // Before the grant: the protocol's rule.
        var (before, aliceDelta) = await ProtocolConformanceTests.DownloadAsync(alice, "odata/accounts", 2);
        Assert.Equal([a1], before.Keys);
        var visibilityBefore = await VisibilityVersionAsync(alice);

        policy.Grant(Alice, "account", SyncVisibility.OwnedAnd([Bob]));
        policy.Grant(Bob, "lead", SyncVisibility.AllRecords);

        // A cursor issued under the old visibility would miss bob's older rows: 410, download again.
        Assert.Equal(HttpStatusCode.Gone, (await alice.GetAsync(aliceDelta)).StatusCode);
        Assert.NotEqual(visibilityBefore, await VisibilityVersionAsync(alice));

        var (owned, _) = await ProtocolConformanceTests.DownloadAsync(alice, "odata/accounts", 2);
        Assert.Equal(new[] { a1, b1, b2 }.Order(StringComparer.Ordinal), owned.Keys.Order(StringComparer.Ordinal));
        var (shared, _) = await ProtocolConformanceTests.DownloadAsync(alice, "api/shared/accounts", 2);
        Assert.Empty(shared);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"odata/accounts({b1})")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"odata/accounts({c1})")).StatusCode);
        Assert.Equal(new[] { a1, b1, b2 }.Order(StringComparer.Ordinal), (await ProtocolConformanceTests.VisibleKeysAsync(alice, "accounts")).Order(StringComparer.Ordinal));
        Assert.Equal(["img-b1"], await ProtocolConformanceTests.CursorFeedAsync(alice, "api/blobs/images", "id"));
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("api/blobs/images/img-b1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync("api/blobs/images/img-c1")).StatusCode);

        // Uploads: a granted record may be edited; an invisible one is "not found" and stays as it was.
        var patch = await alice.PatchAsync($"odata/accounts({b1})", new StringContent("{\"name\":\"edited by alice\"}", Encoding.UTF8, Json));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal("edited by alice", (await backend.FindAsync("account", b1))!["name"]);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.PatchAsync($"odata/accounts({c1})", new StringContent("{\"name\":\"hijacked\"}", Encoding.UTF8, Json))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"odata/accounts({c1})")).StatusCode);
        Assert.Equal("carol's 1", (await backend.FindAsync("account", c1))!["name"]);

        // The delete log: deletions of granted owners' records reach alice, others' do not.
        Assert.True(await backend.DeleteAsync("account", b2));
        Assert.True(await backend.DeleteAsync("account", c2));
        var deleted = await ProtocolConformanceTests.CursorFeedAsync(alice, "api/deletelog", "key");
        Assert.Contains(b2, deleted);
        Assert.DoesNotContain(c2, deleted);
        Assert.Equal(deleted.Count, deleted.Distinct().Count());

        // An organization-wide table for bob: carol's lead in his owned list, not in his shared list.
        var (bobLeads, _) = await ProtocolConformanceTests.DownloadAsync(bob, "odata/leads", 50);
        Assert.Contains(lead, bobLeads.Keys);
        Assert.DoesNotContain(lead, (await ProtocolConformanceTests.DownloadAsync(bob, "api/shared/leads", 50)).Rows.Keys);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync($"odata/leads({lead})")).StatusCode);
        Assert.Contains(lead, await ProtocolConformanceTests.VisibleKeysAsync(bob, "leads"));
        // ...but bob was granted leads only, not alice's or carol's accounts.
        Assert.DoesNotContain(c1, (await ProtocolConformanceTests.DownloadAsync(bob, "odata/accounts", 50)).Rows.Keys);

        // carol keeps the default: nobody else's unshared row, through any endpoint.
        foreach (var other in new[] { a1, b1 })
        {
            Assert.DoesNotContain(other, (await ProtocolConformanceTests.DownloadAsync(carol, "odata/accounts", 50)).Rows.Keys);
            Assert.DoesNotContain(other, (await ProtocolConformanceTests.DownloadAsync(carol, "api/shared/accounts", 50)).Rows.Keys);
            Assert.Equal(HttpStatusCode.NotFound, (await carol.GetAsync($"odata/accounts({other})")).StatusCode);
            Assert.DoesNotContain(other, await ProtocolConformanceTests.VisibleKeysAsync(carol, "accounts"));
        }

        Assert.Equal(["img-c1"], await ProtocolConformanceTests.CursorFeedAsync(carol, "api/blobs/images", "id"));
        Assert.Equal(HttpStatusCode.NotFound, (await carol.GetAsync("api/blobs/images/img-b1")).StatusCode);
        Assert.DoesNotContain(b2, await ProtocolConformanceTests.CursorFeedAsync(carol, "api/deletelog", "key"));

        // Taking the grant back: alice's cursors answer 410 again and bob's rows are no longer hers.
        var (_, grantedDelta) = await ProtocolConformanceTests.DownloadAsync(alice, "odata/accounts", 50);
        var granted = await VisibilityVersionAsync(alice);
        policy.Grant(Alice, "account", SyncVisibility.Owned);
        Assert.Equal(HttpStatusCode.Gone, (await alice.GetAsync(grantedDelta)).StatusCode);
        Assert.NotEqual(granted, await VisibilityVersionAsync(alice));
        Assert.DoesNotContain(b1, await ProtocolConformanceTests.VisibleKeysAsync(alice, "accounts"));
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"odata/accounts({b1})")).StatusCode);
    }

    private static async Task<string> AccountAsync(SmartSyncBackend backend, string owner, string name)
    {
        var key = Guid.NewGuid().ToString("D");
        await backend.UpsertAsync("account", key, new Dictionary<string, object?> { ["name"] = name, ["_ownerid_value"] = owner });
        return key;
    }

    private static async Task<long> VisibilityVersionAsync(HttpClient client)
    {
        using var whoami = JsonDocument.Parse(await client.GetStringAsync("api/whoami"));
        return whoami.RootElement.GetProperty("visibilityVersion").GetInt64();
    }

    /// <summary>The app's rule: per user and entity grants it can change at any time (as a team membership would).</summary>
    private sealed class GrantingPolicy : ISyncVisibilityPolicy
    {
        private readonly ConcurrentDictionary<(string User, string Entity), SyncVisibility> _grants = new();

        public void Grant(string user, string entity, SyncVisibility visibility) => _grants[(user, entity)] = visibility;

        public ValueTask<SyncVisibility> GetVisibilityAsync(SyncUser user, string entity, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_grants.TryGetValue((user.UserId, entity), out var granted) ? granted : SyncVisibility.Owned);
    }
}
