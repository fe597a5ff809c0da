using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;
using SmartSync.Definitions.Parsing;
using SmartSync.IntegrationTests.Infrastructure;
using SmartSync.ReferenceServer;
using SmartSync.Transport;

namespace SmartSync.IntegrationTests.Transport;

/// <summary>Ownership and sharing: a user sees owned records, records shared with them (via the shared endpoint), nothing else.</summary>
public sealed class HttpTransportVisibilityTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CrmServer Server => fixture.Server;

    private EntityTypeDefinition Entity(string name) => Server.Model.Find(name)!;

    [Fact]
    public async Task Second_user_never_receives_the_first_users_unshared_records()
    {
        var alice = Server.User("alice");
        var bob = Server.User("bob");
        using var bobHandle = new TransportHandle(Server.BaseAddress, bob.Token);
        var aliceKeys = Server.OwnedKeys("account", alice.Id, 10_000).ToHashSet();

        var (owned, _, _) = await Downloads.AllPagesAsync(bobHandle.Transport, Entity("account"), pageSize: 200);
        Assert.NotEmpty(owned.Upserts);
        Assert.DoesNotContain(owned.Upserts.Keys, aliceKeys.Contains);
        Assert.All(owned.Upserts.Values, r => Assert.Equal(bob.Id, r["_ownerid_value"]));

        // Alice's records reach bob only when shared with him (seeded: every tenth of alice's rows).
        var (shared, _, _) = await Downloads.AllPagesAsync(bobHandle.Transport, Entity("account"), pageSize: 200, shared: true);
        Assert.NotEmpty(shared.Upserts);
        Assert.All(shared.Upserts.Values, r => Assert.NotEqual(bob.Id, r["_ownerid_value"]));
        var aliceOrdered = Server.OwnedKeys("account", alice.Id, 10_000);
        var unshared = aliceOrdered.Where((_, i) => i % 10 != 0).ToList();
        Assert.DoesNotContain(shared.Upserts.Keys, unshared.Contains);

        // A direct GET of an unshared record looks like a missing one.
        using var client = new HttpClient { BaseAddress = Server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"odata/accounts({unshared[0]})");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bob.Token);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Shared_records_come_only_through_the_shared_endpoint_and_only_for_the_right_user()
    {
        var alice = Server.User("alice");
        var bob = Server.User("bob");
        var carol = Server.User("carol");
        using var aliceHandle = new TransportHandle(Server.BaseAddress, alice.Token);
        using var carolHandle = new TransportHandle(Server.BaseAddress, carol.Token);
        var opportunity = Entity("opportunity");

        var (_, aliceOwnedDelta, _) = await Downloads.AllPagesAsync(aliceHandle.Transport, opportunity, pageSize: 500);
        var (_, aliceSharedDelta, _) = await Downloads.AllPagesAsync(aliceHandle.Transport, opportunity, pageSize: 500, shared: true);
        var (_, carolSharedDelta, _) = await Downloads.AllPagesAsync(carolHandle.Transport, opportunity, pageSize: 500, shared: true);

        // Bob's row 1 is not shared with anyone yet.
        var key = Server.OwnedKeys("opportunity", bob.Id)[1];
        Assert.True(await Server.ShareAsync("opportunity", key, alice.Id));

        var (aliceShared, aliceSharedDelta2, _) = await Downloads.AllPagesAsync(aliceHandle.Transport, opportunity, aliceSharedDelta, shared: true);
        Assert.Equal([key], aliceShared.Upserts.Keys);
        var (aliceOwned, _, _) = await Downloads.AllPagesAsync(aliceHandle.Transport, opportunity, aliceOwnedDelta);
        Assert.Empty(aliceOwned.Upserts);
        var (carolShared, _, _) = await Downloads.AllPagesAsync(carolHandle.Transport, opportunity, carolSharedDelta, shared: true);
        Assert.Empty(carolShared.Upserts);

        // An edit by the owner reaches the user it is shared with.
        await Server.EditRowAsync("opportunity", key, new System.Collections.Generic.Dictionary<string, object?> { ["name"] = "Shared deal" });
        var (edited, aliceSharedDelta3, _) = await Downloads.AllPagesAsync(aliceHandle.Transport, opportunity, aliceSharedDelta2, shared: true);
        Assert.Equal("Shared deal", edited.Upserts[key]["name"]);

        // Unsharing: the next shared delta says it is gone.
        Assert.True(await Server.UnshareAsync("opportunity", key, alice.Id));
        var (unshared, _, _) = await Downloads.AllPagesAsync(aliceHandle.Transport, opportunity, aliceSharedDelta3, shared: true);
        Assert.Equal([key], unshared.Removed);
        Assert.Empty(unshared.Upserts);
    }

    [Fact]
    public async Task Unauthenticated_requests_get_401_without_data()
    {
        using var noToken = new TransportHandle(Server.BaseAddress, null);
        using var wrongToken = new TransportHandle(Server.BaseAddress, "not-a-valid-token");
        await Assert.ThrowsAsync<AuthorizationRequiredException>(() => noToken.Transport.WhoAmIAsync(CancellationToken.None));
        await Assert.ThrowsAsync<AuthorizationRequiredException>(() => wrongToken.Transport.WhoAmIAsync(CancellationToken.None));
        await Assert.ThrowsAsync<AuthorizationRequiredException>(() =>
            wrongToken.Transport.DownloadPageAsync(new EntityDownloadRequest(Entity("account"), null, 10), new CollectingSink(), CancellationToken.None));
        await Assert.ThrowsAsync<AuthorizationRequiredException>(() => wrongToken.Transport.GetMetadataAsync(CancellationToken.None));

        using var client = new HttpClient { BaseAddress = Server.BaseAddress };
        foreach (var path in new[] { "odata/accounts", "odata/$metadata", "api/whoami", "api/deletelog", "api/shared/accounts", "admin/conflicts" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }

        // A user's token is not an admin token.
        using var admin = new HttpRequestMessage(HttpMethod.Get, "admin/conflicts");
        admin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Server.User("alice").Token);
        using var adminResponse = await client.SendAsync(admin);
        Assert.Equal(HttpStatusCode.Unauthorized, adminResponse.StatusCode);
    }

    [Fact]
    public void The_served_model_comes_from_the_shared_parser()
    {
        var parsed = CsdlParser.Parse(System.IO.File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "crm.csdl")), "crm.csdl");
        Assert.Equal(parsed.Model, Server.Model);
    }
}
