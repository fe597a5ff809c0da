using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace SmartSync.Transport.Http;

/// <summary>
/// The HTTP/JSON implementation of <see cref="ISyncTransport"/> (protocol: docs/protocol.md). Pages are parsed
/// as they stream in and handed to the sink record by record; requests are retried on 429/503 and connection
/// failures; HTTP failures become the transport exceptions the engine understands.
/// </summary>
public sealed partial class HttpSyncTransport : ISyncTransport, IFullSyncAcknowledgement
{
    private const int MaxErrorBodyBytes = 4096;

    private readonly HttpClient _http;
    private readonly HttpSyncTransportOptions _options;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly Uri _base;

    /// <param name="httpClient">The client to send with (its lifetime is the caller's).</param>
    /// <param name="options">Server address, token callback, retry settings.</param>
    /// <param name="logger">Where retries and failures are logged; never receives the token.</param>
    public HttpSyncTransport(HttpClient httpClient, HttpSyncTransportOptions options, ILogger<HttpSyncTransport>? logger = null)
    {
        _http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        var address = options.BaseAddress ?? httpClient.BaseAddress
            ?? throw new ArgumentException("HttpSyncTransportOptions.BaseAddress (or HttpClient.BaseAddress) is required.", nameof(options));
        if (!address.IsAbsoluteUri)
        {
            throw new ArgumentException("The base address must be absolute.", nameof(options));
        }

        _base = address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (options.AttemptTimeout <= TimeSpan.Zero && options.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("HttpSyncTransportOptions.AttemptTimeout must be positive (or infinite).", nameof(options));
        }

        _pipeline = RetryPipelineFactory.Create(options, _logger);
    }

    /// <summary>The server root requests are resolved against.</summary>
    public Uri BaseAddress => _base;

    /// <summary>Sends a request through the retry pipeline and maps failures; the caller owns the returned response.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, Uri uri, string scope, Action<HttpRequestMessage>? configure, byte[]? jsonBody, CancellationToken cancellationToken,
        HttpStatusCode? passThrough = null)
    {
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async token =>
                {
                    // A request message is single-use: build one per attempt.
                    using var request = new HttpRequestMessage(method, uri);
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    configure?.Invoke(request);
                    if (!string.IsNullOrEmpty(_options.DeviceId))
                    {
                        request.Headers.TryAddWithoutValidation(_options.DeviceIdHeader, _options.DeviceId);
                    }
                    if (jsonBody is not null)
                    {
                        request.Content = new ByteArrayContent(jsonBody);
                        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    }

                    var bearer = _options.AccessTokenProvider is null ? null : await _options.AccessTokenProvider(token).ConfigureAwait(false);
                    if (!string.IsNullOrEmpty(bearer))
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                    }

                    // Per attempt: the headers must come within the attempt timeout (a cancellation the caller did
                    // not ask for, which the pipeline retries like a connection failure).
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
                    attempt.CancelAfter(_options.AttemptTimeout);
                    var answer = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);

                    // And then the body must not stall for longer than that between two reads.
                    answer.Content = new IdleTimeoutContent(answer.Content, _options.AttemptTimeout, _base.Authority);
                    return answer;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            var reason = ex is TaskCanceledException ? "the request timed out" : ex.Message;
            TransportLog.Unreachable(_logger, _base.Authority, reason);
            throw new TransportUnavailableException($"The server at {_base.Authority} could not be reached ({scope}): {reason}", ex);
        }

        TransportLog.Response(_logger, method.Method, uri.AbsolutePath, (int)response.StatusCode);
        if (response.IsSuccessStatusCode || response.StatusCode == passThrough)
        {
            return response;
        }

        using (response)
        {
            throw await FailureAsync(response, scope, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The exception for a non-success response (after retries).</summary>
    private async Task<Exception> FailureAsync(HttpResponseMessage response, string scope, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        switch (response.StatusCode)
        {
            case HttpStatusCode.Unauthorized:
                return new AuthorizationRequiredException($"The server requires the user to sign in again (401 on {scope}).");
            case HttpStatusCode.Gone:
                return new SyncTokenExpiredException(scope, $"The server no longer accepts the cursor of '{scope}' (410 Gone); a full download is needed.");
            case HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable:
                return new TransportUnavailableException($"The server stayed busy ({status}) for '{scope}' after {_options.MaxRetryAttempts} retries.");
        }

        var message = await ReadErrorMessageAsync(response, cancellationToken).ConfigureAwait(false);
        return status >= 500
            ? new TransportUnavailableException($"The server failed ({status}) on '{scope}': {message}")
            : new ServerErrorException(status, $"The server refused '{scope}' ({status}): {message}");
    }

    /// <summary>
    /// The <c>error.message</c> of an OData error body; the status text when there is none. At most
    /// <see cref="MaxErrorBodyBytes"/> + 1 bytes are read: a longer body is not an error message worth reading.
    /// </summary>
    private static async Task<string> ReadErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await ReadUpToAsync(response, MaxErrorBodyBytes + 1, cancellationToken).ConfigureAwait(false);
            if (bytes.Length is > 0 and <= MaxErrorBodyBytes)
            {
                var error = JsonSerializer.Deserialize(bytes, TransportJsonContext.Default.ErrorWire);
                if (!string.IsNullOrWhiteSpace(error?.Error?.Message))
                {
                    return error.Error.Message;
                }
            }
        }
        catch (JsonException)
        {
            // Not an OData error body: fall back to the status text.
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or SyncTransportException)
        {
            // The error body broke off or stalled: the status says enough.
        }

        return response.ReasonPhrase ?? "no details";
    }

    /// <summary>GETs a JSON document (at most <paramref name="maxBytes"/>, default MaxDocumentBytes) and deserialises it with source-generated metadata.</summary>
    private async Task<T> GetJsonAsync<T>(string relative, string scope, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken, int? maxBytes = null)
        where T : class
    {
        using var response = await SendAsync(HttpMethod.Get, new Uri(_base, relative), scope, null, null, cancellationToken).ConfigureAwait(false);
        var bytes = await ReadBoundedAsync(response, maxBytes ?? _options.MaxDocumentBytes, scope, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(bytes, typeInfo) ?? throw new SyncPayloadException(scope, "body", "the body is null");
        }
        catch (JsonException ex)
        {
            throw new SyncPayloadException(scope, ex.Path ?? "body", "malformed or mistyped JSON: " + ex.Message);
        }
    }

    /// <summary>Reads a whole body, failing as soon as it passes <paramref name="maxBytes"/> (the rest is never read).</summary>
    private static async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, int maxBytes, string scope, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw TooLarge(scope, maxBytes);
        }

        var bytes = await ReadUpToAsync(response, maxBytes + 1, cancellationToken).ConfigureAwait(false);
        return bytes.Length > maxBytes ? throw TooLarge(scope, maxBytes) : bytes;
    }

    private static SyncPayloadException TooLarge(string scope, int maxBytes) =>
        new(scope, "body", string.Format(System.Globalization.CultureInfo.InvariantCulture, "the body is larger than {0} bytes", maxBytes));

    /// <summary>The first <paramref name="limit"/> bytes of a body at most (all of it when shorter).</summary>
    private static async Task<byte[]> ReadUpToAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            while (buffer.Length < limit)
            {
                var read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static string Require(string? value, string scope, string field) =>
        string.IsNullOrEmpty(value) ? throw new SyncPayloadException(scope, field, $"'{field}' is missing") : value;
}
