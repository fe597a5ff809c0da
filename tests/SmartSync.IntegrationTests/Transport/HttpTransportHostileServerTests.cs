using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.DataModel;
using SmartSync.IntegrationTests.Infrastructure;
using SmartSync.Transport;
using SmartSync.Transport.Http;

namespace SmartSync.IntegrationTests.Transport;

/// <summary>The transport against a scripted loopback server: retries, failures and hostile payloads.</summary>
public sealed class HttpTransportHostileServerTests : IAsyncLifetime
{
    private const string Secret = "s3cr3t-bearer-token-value";
    private static readonly EntityTypeDefinition Account = new(
        "account", "accounts", null, false, "accountid",
        new EquatableArray<PropertyDefinition>(
        [
            new PropertyDefinition("accountid", "Edm.Guid", false, null),
            new PropertyDefinition("name", "Edm.String", true, 200),
            new PropertyDefinition("numberofemployees", "Edm.Int32", true, null),
            new PropertyDefinition("revenue", "Edm.Decimal", true, null),
            new PropertyDefinition("isactive", "Edm.Boolean", true, null),
        ]),
        new EquatableArray<LookupDefinition>([]));

    private readonly FakeLogCollector _logs = new();
    private ScriptedServer _server = null!;

    public async Task InitializeAsync() => _server = await ScriptedServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private TransportHandle Handle(Action<HttpSyncTransportOptions>? configure = null) =>
        new(_server.BaseAddress, Secret, new FakeLogger<HttpSyncTransport>(_logs), configure);

    private static Task Json(HttpContext context, string body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body);
    }

    private const string Record = """{"@odata.etag":"W/\"5\"","accountid":"6f1e3c1a-0000-4000-8000-000000000001","name":"Contoso","numberofemployees":12,"revenue":1234.50,"isactive":true}""";

    [Fact]
    public async Task Too_many_requests_is_retried_after_Retry_After_on_the_time_provider()
    {
        var time = new FakeTimeProvider();
        _server.Handler = (context, n) =>
        {
            if (n == 1)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "7";
                return Task.CompletedTask;
            }

            return Json(context, """{"userId":"u1","userName":"alice","organizationName":"o","serverVersion":"1","customizationVersion":"3","fullSyncRequired":false}""");
        };
        using var handle = Handle(o =>
        {
            o.MaxRetryAttempts = 3;
            o.TimeProvider = time;
        });

        var call = handle.Transport.WhoAmIAsync(CancellationToken.None);
        // The retry waits on the fake clock: move it until the call completes (bounded).
        for (var i = 0; i < 200 && !call.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(call, Task.Delay(10));
        }

        var session = await call;
        Assert.Equal("3", session.CustomizationVersion);
        Assert.Equal(2, _server.Requests);
        var retry = Assert.Single(_logs.GetSnapshot(), r => r.Id.Id == 3100);
        Assert.Contains("429", retry.Message, StringComparison.Ordinal);
        Assert.Contains("00:00:07", retry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_unavailable_retries_are_bounded_then_TransportUnavailable()
    {
        _server.Handler = (context, _) =>
        {
            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = "0";
            return Task.CompletedTask;
        };
        using var handle = Handle(o => o.MaxRetryAttempts = 2);

        var ex = await Assert.ThrowsAsync<TransportUnavailableException>(() => handle.Transport.WhoAmIAsync(CancellationToken.None));
        Assert.Equal(3, _server.Requests);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_server_is_TransportUnavailable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        using var client = new System.Net.Http.HttpClient();
        var transport = new HttpSyncTransport(client, new HttpSyncTransportOptions
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            AccessTokenProvider = _ => ValueTask.FromResult<string?>(Secret),
            MaxRetryAttempts = 0,
        }, new FakeLogger<HttpSyncTransport>(_logs));

        var ex = await Assert.ThrowsAsync<TransportUnavailableException>(() => transport.WhoAmIAsync(CancellationToken.None));
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> HostilePages => new()
    {
        { "malformed JSON", """{"value":[{"accountid":"6f1e3c1a-0000-4000-8000-000000000001",}],"@odata.deltaLink":"x"}""" },
        { "wrong type", """{"value":[{"accountid":"6f1e3c1a-0000-4000-8000-000000000001","numberofemployees":"twelve"}],"@odata.deltaLink":"x"}""" },
        { "number too large", """{"value":[{"accountid":"6f1e3c1a-0000-4000-8000-000000000001","numberofemployees":1e400}],"@odata.deltaLink":"x"}""" },
        { "bad guid key", """{"value":[{"accountid":"not-a-guid"}],"@odata.deltaLink":"x"}""" },
        { "missing key", """{"value":[{"name":"no key"}],"@odata.deltaLink":"x"}""" },
        { "null key", """{"value":[{"accountid":null}],"@odata.deltaLink":"x"}""" },
        { "unknown attribute", """{"value":[{"accountid":"6f1e3c1a-0000-4000-8000-000000000001","hacked":1}],"@odata.deltaLink":"x"}""" },
        { "truncated page", """{"value":[{"accountid":"6f1e3c1a-0000-4000-8000-000000000001","name":"Cont""" },
        { "no link", """{"value":[]}""" },
        { "both links", """{"value":[],"@odata.nextLink":"a","@odata.deltaLink":"b"}""" },
        { "value not an array", """{"value":{},"@odata.deltaLink":"x"}""" },
        { "not an object", """[1,2,3]""" },
        { "empty body", "" },
        { "trailing garbage", """{"value":[],"@odata.deltaLink":"x"} {}""" },
        { "foreign link", """{"value":[],"@odata.nextLink":"http://evil.example/steal"}""" },
        { "huge string", "{\"value\":[{\"accountid\":\"6f1e3c1a-0000-4000-8000-000000000001\",\"name\":\"" + new string('x', 300_000) + "\"}],\"@odata.deltaLink\":\"x\"}" },
    };

    [Theory]
    [MemberData(nameof(HostilePages))]
    public async Task Hostile_pages_are_SyncPayloadException_naming_entity_and_position(string name, string body)
    {
        _server.Handler = (context, _) => Json(context, body);
        using var handle = Handle(o => o.MaxStringBytes = 100_000);
        var sink = new CollectingSink();

        var ex = await Assert.ThrowsAsync<SyncPayloadException>(() =>
            handle.Transport.DownloadPageAsync(new EntityDownloadRequest(Account, null, 100), sink, CancellationToken.None));

        Assert.Equal("account", ex.Entity);
        Assert.False(string.IsNullOrWhiteSpace(ex.Position), name);
        Assert.Contains("account", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_of_far_more_rows_than_asked_for_stops_at_MaxPageRows()
    {
        // A server that ignores odata.maxpagesize=100 and streams 120,000 rows: past the default bound of 50,000 the
        // page is a payload error (the engine applies nothing of it) and the rest is never read.
        var written = 0;
        _server.Handler = async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"value":[""");
            var rows = new StringBuilder();
            try
            {
                for (var i = 1; i <= 120_000; i++)
                {
                    rows.Append(i > 1 ? "," : string.Empty).Append(Record.Replace("000000000001", i.ToString("000000000000", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
                    if (i % 500 == 0)
                    {
                        await context.Response.WriteAsync(rows.ToString(), context.RequestAborted);
                        written = i;
                        rows.Clear();
                    }
                }

                await context.Response.WriteAsync("],\"@odata.deltaLink\":\"x\"}", context.RequestAborted);
            }
            catch (Exception ex) when (ex is OperationCanceledException or System.IO.IOException or InvalidOperationException)
            {
                // The client stopped reading.
            }
        };
        using var handle = Handle();
        var sink = new CollectingSink();

        var ex = await Assert.ThrowsAsync<SyncPayloadException>(() =>
            handle.Transport.DownloadPageAsync(new EntityDownloadRequest(Account, null, 100), sink, CancellationToken.None));

        Assert.Contains("more than 50000 rows", ex.Message, StringComparison.Ordinal);
        Assert.Equal(50_000, sink.UpsertCalls);
        Assert.True(written < 120_000, $"the server wrote all {written} rows: the page was read to its end");
    }

    [Fact]
    public async Task A_page_larger_than_MaxPageBytes_is_not_read_past_it()
    {
        var name = new string('x', 50_000);
        var body = "{\"value\":[" + string.Join(",", Enumerable.Range(1, 200).Select(i =>
            Record.Replace("000000000001", i.ToString("000000000000", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("Contoso", name, StringComparison.Ordinal))) + "],\"@odata.deltaLink\":\"x\"}";
        _server.Handler = (context, _) => Json(context, body);
        using var handle = Handle(o => o.MaxPageBytes = 1024 * 1024);
        var sink = new CollectingSink();

        var ex = await Assert.ThrowsAsync<SyncPayloadException>(() =>
            handle.Transport.DownloadPageAsync(new EntityDownloadRequest(Account, null, 100), sink, CancellationToken.None));

        Assert.Contains("MaxPageBytes", ex.Message, StringComparison.Ordinal);
        Assert.True(sink.UpsertCalls < 200 * 2 / 10, $"{sink.UpsertCalls} of 200 rows were read");
    }

    [Fact]
    public async Task A_page_dribbled_byte_by_byte_is_read_as_it_arrives()
    {
        var records = string.Join(",", Enumerable.Range(1, 40).Select(i =>
            Record.Replace("000000000001", i.ToString("000000000000", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        var removed = """{"@removed":{"reason":"changed"},"accountid":"6f1e3c1a-0000-4000-8000-0000000000ff"}""";
        var body = Encoding.UTF8.GetBytes($$"""{"@odata.context":"x","value":[{{records}},{{removed}}],"@odata.deltaLink":"{{_server.BaseAddress}}odata/accounts?$deltatoken=abc"}""");
        _server.Handler = async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            // Uneven chunks, flushed one by one: records and tokens straddle reads.
            for (var offset = 0; offset < body.Length; offset += 7)
            {
                await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(7, body.Length - offset)));
                await context.Response.Body.FlushAsync();
            }
        };
        using var handle = Handle();
        var sink = new CollectingSink();

        var page = await handle.Transport.DownloadPageAsync(new EntityDownloadRequest(Account, null, 100), sink, CancellationToken.None);

        Assert.Equal(40, page.UpsertCount);
        Assert.Equal(1, page.RemoveCount);
        Assert.Null(page.NextLink);
        Assert.EndsWith("$deltatoken=abc", page.DeltaLink, StringComparison.Ordinal);
        Assert.Equal(40, sink.Upserts.Count);
        var first = sink.Upserts["6f1e3c1a-0000-4000-8000-000000000001"];
        Assert.Equal("Contoso", first["name"]);
        Assert.Equal(12L, first["numberofemployees"]);
        Assert.Equal("1234.50", first["revenue"]);
        Assert.Equal(true, first["isactive"]);
        Assert.Equal(["6f1e3c1a-0000-4000-8000-0000000000ff"], sink.Removed);
    }

    [Fact]
    public async Task The_bearer_token_never_appears_in_logs_or_exception_messages()
    {
        string? seenAuthorization = null;
        _server.Handler = (context, n) =>
        {
            seenAuthorization = context.Request.Headers.Authorization.ToString();
            return n switch
            {
                1 => WriteStatus(context, 503),
                2 => WriteStatus(context, 401),
                3 => WriteStatus(context, 410),
                4 => Json(context, """{"error":{"code":"x","message":"nope"}}""", 400),
                _ => Json(context, "{\"value\":[{\"accountid\":\"" + Secret + "\"}],\"@odata.deltaLink\":\"x\"}"),
            };
        };
        using var handle = Handle(o => o.MaxRetryAttempts = 1);
        var messages = new List<string>();
        async Task Capture(Func<Task> action)
        {
            var ex = await Assert.ThrowsAnyAsync<SyncTransportException>(action);
            messages.Add(ex.ToString());
        }

        await Capture(() => handle.Transport.WhoAmIAsync(CancellationToken.None));          // 503 retried, then 401
        await Capture(() => handle.Transport.GetDeleteLogAsync("1", 10, CancellationToken.None)); // 410
        await Capture(() => handle.Transport.GetPermissionsAsync(CancellationToken.None));    // 400
        await Capture(() => handle.Transport.DownloadPageAsync(new EntityDownloadRequest(Account, null, 10), new CollectingSink(), CancellationToken.None));

        Assert.Equal("Bearer " + Secret, seenAuthorization);
        Assert.Equal(4, messages.Count);
        Assert.All(messages, m => Assert.DoesNotContain(Secret, m, StringComparison.Ordinal));
        Assert.NotEmpty(_logs.GetSnapshot());
        Assert.All(_logs.GetSnapshot(), r => Assert.DoesNotContain(Secret, r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancellation_stops_a_page_in_flight()
    {
        var started = new TaskCompletionSource();
        _server.Handler = async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"value\":[");
            await context.Response.Body.FlushAsync();
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        };
        using var handle = Handle();
        using var cancellation = new CancellationTokenSource();
        var call = handle.Transport.DownloadPageAsync(new EntityDownloadRequest(Account, null, 10), new CollectingSink(), cancellation.Token);
        await started.Task;
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    private static Task WriteStatus(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
