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

                    return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
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

    /// <summary>The <c>error.message</c> of an OData error body, bounded; the status text when there is none.</summary>
    private static async Task<string> ReadErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
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

        return response.ReasonPhrase ?? "no details";
    }

    /// <summary>GETs a small JSON document and deserialises it with source-generated metadata.</summary>
    private async Task<T> GetJsonAsync<T>(string relative, string scope, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(HttpMethod.Get, new Uri(_base, relative), scope, null, null, cancellationToken).ConfigureAwait(false);
        return await DeserializeAsync(response, scope, typeInfo, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> DeserializeAsync<T>(HttpResponseMessage response, string scope, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false)
                    ?? throw new SyncPayloadException(scope, "body", "the body is null");
            }
        }
        catch (JsonException ex)
        {
            throw new SyncPayloadException(scope, ex.Path ?? "body", "malformed or mistyped JSON: " + ex.Message);
        }
    }

    private static string Require(string? value, string scope, string field) =>
        string.IsNullOrEmpty(value) ? throw new SyncPayloadException(scope, field, $"'{field}' is missing") : value;
}
