using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.ReferenceServer;

namespace SmartSync.Demo;

/// <summary>The server the demo syncs with: the embedded reference server, or an external one given on the command line.</summary>
internal sealed class DemoServer : IAsyncDisposable
{
    private readonly CrmServer? _embedded;
    private readonly HttpClient _admin;

    private DemoServer(CrmServer? embedded, Uri baseAddress, string token, string? adminToken, string description, string? userId = null)
    {
        _embedded = embedded;
        UserId = userId;
        BaseAddress = baseAddress;
        Token = token;
        AdminToken = adminToken;
        Description = description;
        _admin = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    /// <summary>The bearer token of the user the demo syncs as.</summary>
    public string Token { get; }

    /// <summary>The admin token, when the demo may edit rows on the server.</summary>
    public string? AdminToken { get; }

    public string Description { get; }

    /// <summary>The id of the user the demo syncs as, when known (the embedded server's first user).</summary>
    public string? UserId { get; }

    public static async Task<DemoServer> StartAsync(DemoOptions options, CancellationToken cancellationToken)
    {
        if (options.Server is { } external)
        {
            return new DemoServer(null, external, options.Token!, options.AdminToken, "external server " + external);
        }

        var watch = Stopwatch.StartNew();
        var server = await CrmServer.StartAsync(
            new CrmServerOptions
            {
                Port = 0,
                RowsPerEntity = options.Rows,
                ReferenceRowsPerEntity = Math.Min(options.Rows, 20),
                UserCount = 2,
            },
            cancellationToken).ConfigureAwait(false);
        var user = server.Users[0];
        var description = FormattableString.Invariant(
            $"embedded reference server on {server.BaseAddress}, {options.Rows} rows per user-owned entity seeded in {watch.Elapsed.TotalSeconds:F1} s; syncing as {user.Name}");
        return new DemoServer(server, server.BaseAddress, user.Token, server.AdminToken, description, user.Id);
    }

    /// <summary>Changes a row on the server as an administrator would (the <c>/admin/rows</c> endpoint).</summary>
    public async Task EditAsync(string entitySet, string key, string attribute, string value, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, "admin/rows/" + entitySet + "(" + Uri.EscapeDataString(key) + ")");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken ?? throw new InvalidOperationException("No admin token."));
        using var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString(attribute, value);
            writer.WriteEndObject();
        }

        request.Content = new ByteArrayContent(body.ToArray());
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _admin.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new DemoFailedException($"The server refused the edit of {entitySet}({key}): {(int)response.StatusCode} {Truncate(text)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : new StringBuilder(text, 0, 300, 303).Append("...").ToString();
}
