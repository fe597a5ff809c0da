using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.ReferenceServer;

namespace SmartSync.ReliabilityTests.Isolation;

/// <summary>
/// Matrix item 6 through the engine: a second user's device never holds the first user's unshared records, a
/// revoked share is removed by cleanup, requests without or with a wrong token get 401 and change nothing, and the
/// bearer token appears nowhere: not in logs, the sync log, results, exception texts, nor the device database.
/// </summary>
public sealed class IsolationAndSecretsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] Entities = ["account", "contact", "task", "opportunity"];

    private CrmServer Server => fixture.Server;

    [Fact]
    public async Task A_second_user_holds_exactly_what_the_server_shows_them_and_a_revoked_share_is_cleaned_up()
    {
        var alice = Server.User("alice");
        var bob = Server.User("bob");
        await using var device = new Device(Server, bob.Token);
        await device.FullSyncAsync();
        using var bobsView = new ServerView(Server, bob.Token);
        foreach (var entity in Entities)
        {
            var visible = await bobsView.VisibleKeysAsync(entity);
            var local = device.Snapshot().Rows(entity).Keys.ToHashSet(StringComparer.Ordinal);
            Assert.Equal(visible.Order(StringComparer.Ordinal), local.Order(StringComparer.Ordinal));
            var alicesUnshared = Server.OwnedKeys(entity, alice.Id, 10_000).Where(k => !visible.Contains(k)).ToList();
            Assert.NotEmpty(alicesUnshared);
            Assert.Empty(alicesUnshared.Intersect(local));
        }

        // Share one of alice's accounts with bob: it arrives; revoke it: cleanup removes it even without the shared phase.
        var account = Server.OwnedKeys("account", alice.Id).First(k => !device.Snapshot().Rows("account").ContainsKey(k));
        await Server.ShareAsync("account", account, bob.Id);
        Assert.True((await device.Client.RunAsync(Device.Profile("All", SyncAction.DownSync, SyncModules.None, "account"))).IsSuccess);
        Assert.Contains(account, device.Snapshot().Rows("account").Keys);

        await Server.UnshareAsync("account", account, bob.Id);
        var cleaned = await device.Client.RunAsync(Device.Profile("NoShared", SyncAction.DownSync, SyncModules.NoSyncShared, "account"));
        Assert.True(cleaned.IsSuccess, cleaned + " " + cleaned.Error);
        Assert.DoesNotContain(account, device.Snapshot().Rows("account").Keys);
        Assert.Equal((await bobsView.VisibleKeysAsync("account")).Order(StringComparer.Ordinal), device.Snapshot().Rows("account").Keys);
    }

    [Fact]
    public async Task Requests_without_or_with_a_wrong_token_get_401_leak_nothing_and_change_nothing()
    {
        var alice = Server.User("alice");
        var key = Server.OwnedKeys("account", alice.Id)[0];
        var accountsBefore = Server.CountRows("account");
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        var requests = new (HttpMethod Method, string Path, string? Body)[]
        {
            (HttpMethod.Get, "odata/$metadata", null), (HttpMethod.Get, "odata/accounts", null), (HttpMethod.Get, $"odata/accounts({key})", null),
            (HttpMethod.Get, "api/whoami", null), (HttpMethod.Get, "api/permissions", null), (HttpMethod.Get, "api/deletelog", null),
            (HttpMethod.Get, "api/shared/accounts", null), (HttpMethod.Get, "api/blobs/images", null), (HttpMethod.Get, "api/mail", null),
            (HttpMethod.Get, "api/visiblekeys/accounts", null), (HttpMethod.Get, "api/conflicts/resolutions", null),
            (HttpMethod.Patch, $"odata/accounts({key})", """{"name":"hijacked"}"""), (HttpMethod.Patch, $"odata/accounts({Guid.NewGuid():D})", """{"name":"planted"}"""),
            (HttpMethod.Delete, $"odata/accounts({key})", null), (HttpMethod.Post, "api/fullsync/complete", null),
            (HttpMethod.Get, "admin/counters", null), (HttpMethod.Post, "admin/share", $$"""{"entity":"account","key":"{{key}}","userId":"{{Server.User("bob").Id}}"}"""),
        };
        foreach (var token in new[] { null, "wrong", alice.Token[..^1], alice.Token + "x" })
        {
            foreach (var (method, path, body) in requests)
            {
                using var request = new HttpRequestMessage(method, path);
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }

                using var response = await http.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with token '{token}' answered {(int)response.StatusCode}");
                Assert.Empty(await response.Content.ReadAsByteArrayAsync());
            }
        }

        Assert.Equal(accountsBefore, Server.CountRows("account"));
        Assert.Contains(key, Server.OwnedKeys("account", alice.Id));
    }

    [Fact]
    public async Task The_bearer_token_appears_in_no_log_result_exception_or_stored_byte()
    {
        var carol = Server.User("carol");
        var time = new AutoAdvancingTimeProvider();
        await using var device = new Device(Server, carol.Token, new DeviceOptions { MaxRetryAttempts = 1, Time = time });
        var results = new List<SyncResult> { await device.FullSyncAsync() };
        var profile = Device.Profile("Accounts", SyncAction.UpDownSync, SyncModules.None, "account");
        await device.Client.Records.UpsertAsync("account", Guid.NewGuid().ToString("D"), new Dictionary<string, object?> { ["name"] = "carol's" });

        // Every kind of failure, each of which builds an error text somewhere.
        foreach (var fault in new Func<RequestInfo, Fault?>[]
        {
            r => r.IsEntityPage ? new Fault.Status(503) : null,
            r => r.IsEntityPage ? new Fault.Status(500) : null,
            r => r.IsUpload ? new Fault.LoseResponse() : null,
            r => r.IsEntityPage ? new Fault.CutAt(0.5) : null,
            r => r.IsEntityPage ? new Fault.Body(() => new MemoryStream(Encoding.UTF8.GetBytes("{\"value\":[{\"accountid\":\"" + carol.Token + "\"}]}"))) : null,
            _ => new Fault.Refuse(),
            r => r.Kind == "api/whoami" ? new Fault.Status(401) : null,
        })
        {
            device.Handler.Plan = fault;
            results.Add(await device.Client.RunAsync(profile));
        }

        device.Handler.Plan = null;
        device.Token = "wrong-" + Guid.NewGuid().ToString("N");
        results.Add(await device.Client.RunFullSyncAsync());
        device.Token = carol.Token;
        results.Add(await device.Client.RunFullSyncAsync());

        Assert.Contains(results, r => r.Outcome == SyncOutcome.Failed);
        var texts = new List<string>();
        texts.AddRange(results.Select(r => r.ToString() + " " + r.Message + " " + r.Error));
        texts.AddRange(device.Logs.GetSnapshot().Select(l => l.Message + " " + l.Exception));
        texts.AddRange((await device.Client.GetSyncLogAsync(runs: 100)).SelectMany(e => e.Lines));
        Assert.Contains(texts, t => t.Contains("503", StringComparison.Ordinal) || t.Contains("Service", StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain(carol.Token, t, StringComparison.Ordinal));

        await device.Client.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var token = Encoding.UTF8.GetBytes(carol.Token);
        foreach (var file in Directory.GetFiles(device.Folder))
        {
            Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(token) < 0, $"{Path.GetFileName(file)} contains the bearer token");
        }
    }
}
