using System;
using System.Collections.Concurrent;
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

using SmartSync.Transport.Http;

namespace SmartSync.Transport.Dataverse;

/// <summary>
/// <see cref="ISyncTransport"/> over the Dataverse Web API (Dynamics 365), mapping each SmartSync phase onto it as
/// docs/dataverse.md describes: WhoAmI, <c>$metadata</c>, RetrieveUserPrivileges, change tracking with
/// <c>$deletedEntity</c> rows, conditional upserts with <c>@odata.bind</c> lookups, and service protection limits
/// (429 pauses every request of this client). Pages stream through <c>Utf8JsonReader</c>; the token is never logged.
/// </summary>
public sealed partial class DataverseSyncTransport : ISyncTransport, IDisposable
{
    /// <summary>The error code Dataverse answers for an expired change-tracking version stamp (delta token).</summary>
    internal const string ExpiredVersionStampCode = "0x80044352";

    private const int MaxErrorBodyBytes = 8192;

    private readonly HttpClient _http;
    private readonly DataverseTransportOptions _options;
    private readonly ILogger _logger;
    private readonly DataverseRequestGate _gate;
    private readonly Uri _base;
    private readonly ConcurrentDictionary<string, Task<DataverseTable>> _tables = new(StringComparer.Ordinal);
    private int _disposed;

    /// <param name="httpClient">The client to send with (its lifetime is the caller's).</param>
    /// <param name="options">Environment URL, token callback, API version, concurrency.</param>
    /// <param name="logger">Where throttling and failures are logged; never receives the token.</param>
    public DataverseSyncTransport(HttpClient httpClient, DataverseTransportOptions options, ILogger<DataverseSyncTransport>? logger = null)
    {
        _http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        var environment = options.EnvironmentUrl ?? throw new ArgumentException("DataverseTransportOptions.EnvironmentUrl is required.", nameof(options));
        if (!environment.IsAbsoluteUri)
        {
            throw new ArgumentException("The environment URL must be absolute.", nameof(options));
        }

        if (options.AccessTokenProvider is null)
        {
            throw new ArgumentException("DataverseTransportOptions.AccessTokenProvider is required (Dataverse needs an OAuth token).", nameof(options));
        }

        var version = options.ApiVersion.TrimStart('v', 'V');
        if (version.Length == 0 || version.AsSpan().IndexOfAnyExcept("0123456789.") >= 0)
        {
            throw new ArgumentException($"'{options.ApiVersion}' is not a Web API version such as 9.2.", nameof(options));
        }

        var root = environment.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _base = new Uri(root + "/api/data/v" + version + "/");
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _gate = new DataverseRequestGate(options.EffectiveConcurrency, options.TimeProvider);
    }

    /// <summary>The Web API root requests are resolved against, e.g. <c>https://org.crm.dynamics.com/api/data/v9.2/</c>.</summary>
    public Uri ServiceRoot => _base;

    /// <summary>Releases the request gate; later calls fail with <see cref="ObjectDisposedException"/>. The HTTP client stays the caller's.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _gate.Dispose();
            DataverseLog.Disposed(_logger, _base.Host);
        }
    }

    /// <summary>
    /// Sends one request through the gate: a 429 pauses the whole client for its <c>Retry-After</c> and resends; a
    /// 401 asks the token provider once more (an expired token is replaced) before giving up. Success and the
    /// <paramref name="passThrough"/> statuses come back to the caller, who owns the response.
    /// </summary>
    internal async Task<DataverseResponse> SendAsync(
        HttpMethod method,
        Uri uri,
        string scope,
        Action<HttpRequestMessage>? configure,
        Func<HttpContent>? content,
        CancellationToken cancellationToken,
        params HttpStatusCode[] passThrough)
    {
        var throttles = 0;
        var refreshed = false;
        while (true)
        {
            var lease = await _gate.EnterAsync(cancellationToken).ConfigureAwait(false);
            HttpResponseMessage response;
            try
            {
                using var request = new HttpRequestMessage(method, uri);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                request.Headers.TryAddWithoutValidation("OData-MaxVersion", "4.0");
                request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
                configure?.Invoke(request);
                request.Content = content?.Invoke();
                var token = await _options.AccessTokenProvider!(cancellationToken).ConfigureAwait(false);
                if (!string.IsNullOrEmpty(token))
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                // Per request: the headers within the attempt timeout, then no stall longer than that between body reads.
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(_options.AttemptTimeout);
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
                response.Content = new IdleTimeoutContent(response.Content, _options.AttemptTimeout, _base.Authority);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                lease.Dispose();
                throw;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                lease.Dispose();
                var reason = ex is TaskCanceledException ? "the request timed out" : ex.Message;
                DataverseLog.Unreachable(_logger, _base.Host, reason);
                throw new TransportUnavailableException($"The Dataverse environment at {_base.Host} could not be reached ({scope}): {reason}", ex);
            }
            catch
            {
                lease.Dispose();
                throw;
            }

            var status = (int)response.StatusCode;
            DataverseLog.Response(_logger, method.Method, uri.AbsolutePath, status);
            var answer = new DataverseResponse(response, lease);
            if (response.IsSuccessStatusCode || Array.IndexOf(passThrough, response.StatusCode) >= 0)
            {
                return answer;
            }

            using (answer)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    throttles++;
                    var delay = RetryAfter(response, throttles);
                    if (throttles > _options.MaxThrottleRetries || delay > _options.MaxRetryAfter)
                    {
                        throw new ServiceProtectionLimitException(
                            $"Dataverse service protection limits stopped '{scope}' (429, Retry-After {delay.TotalSeconds:F0} s, {throttles} time(s)); a later run resumes.");
                    }

                    // The whole client waits, not just this request: sending early only extends the penalty.
                    _gate.Pause(delay);
                    DataverseLog.Throttled(_logger, uri.AbsolutePath, delay, throttles);
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized && !refreshed)
                {
                    refreshed = true;
                    DataverseLog.TokenRefresh(_logger, uri.AbsolutePath);
                    continue;
                }

                throw await FailureAsync(response, scope, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The exception for a non-success response.</summary>
    private static async Task<Exception> FailureAsync(HttpResponseMessage response, string scope, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return new AuthorizationRequiredException($"Dataverse requires the user to sign in again (401 on {scope}, also with a fresh token).");
        }

        var (code, message) = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
        if (string.Equals(code, ExpiredVersionStampCode, StringComparison.OrdinalIgnoreCase))
        {
            return new SyncTokenExpiredException(scope, $"Dataverse no longer accepts the change-tracking token of '{scope}' ({code}): {message}");
        }

        return status >= 500
            ? new TransportUnavailableException($"Dataverse failed ({status}) on '{scope}': {message}")
            : new ServerErrorException(status, $"Dataverse refused '{scope}' ({status}{(code is null ? string.Empty : ", " + code)}): {message}");
    }

    /// <summary>
    /// The <c>error.code</c> and <c>error.message</c> of a Dataverse error body. At most 8 KB are read: a longer body is
    /// not an OData error, and the status text says what there is to say.
    /// </summary>
    internal static async Task<(string? Code, string Message)> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var fallback = response.ReasonPhrase ?? "no details";
        if (response.Content.Headers.ContentLength is > MaxErrorBodyBytes)
        {
            return (null, fallback);
        }

        try
        {
            var buffer = new byte[MaxErrorBodyBytes + 1];
            var length = 0;
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }
            }

            if (length is > 0 and <= MaxErrorBodyBytes)
            {
                var error = JsonSerializer.Deserialize(buffer.AsSpan(0, length), DataverseJsonContext.Default.DataverseErrorWire)?.Error;
                if (error is not null)
                {
                    return (error.Code, string.IsNullOrWhiteSpace(error.Message) ? fallback : error.Message);
                }
            }
        }
        catch (JsonException)
        {
            // Not an OData error body: the status text says what there is to say.
        }
        catch (IOException)
        {
            // The error body broke off: the status still tells the story.
        }

        return (null, fallback);
    }

    /// <summary>
    /// The body of <paramref name="response"/>, read through a limit: a body announced or found longer than
    /// <paramref name="limit"/> is a payload error, and the rest of it is never transferred.
    /// </summary>
    internal static async Task<Stream> OpenBodyAsync(HttpResponseMessage response, long limit, string scope, string what, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is { } announced && announced > limit)
        {
            throw new SyncPayloadException(scope, what, $"the body is {announced:N0} bytes, more than the {limit:N0} this client reads");
        }

        return new BoundedReadStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), limit, scope, what);
    }

    /// <summary>The full <c>Retry-After</c> (seconds or a date); without one, a doubling wait from one second.</summary>
    private TimeSpan RetryAfter(HttpResponseMessage response, int attempt)
    {
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - _options.TimeProvider.GetUtcNow() : (TimeSpan?)null);
        if (delay is { } value)
        {
            return value < TimeSpan.Zero ? TimeSpan.Zero : value;
        }

        return TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, attempt - 1)));
    }

    /// <summary>GETs a small JSON document and deserialises it with source-generated metadata.</summary>
    internal async Task<T> GetJsonAsync<T>(string relative, string scope, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(HttpMethod.Get, new Uri(_base, relative), scope, null, null, cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = await OpenBodyAsync(response.Message, _options.MaxDocumentBytes, scope, "body", cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// A link from a page (<c>@odata.nextLink</c>, <c>@odata.deltaLink</c>) or a stored cursor, used verbatim, but
    /// only when it points at this environment's Web API: anything else would carry the bearer token elsewhere.
    /// </summary>
    internal Uri CheckLink(string link, string entity)
    {
        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri)
            || !string.Equals(uri.Scheme, _base.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(uri.Authority, _base.Authority, StringComparison.OrdinalIgnoreCase)
            || !uri.AbsolutePath.StartsWith(_base.AbsolutePath, StringComparison.OrdinalIgnoreCase))
        {
            throw new SyncPayloadException(entity, "link", "a next/delta link points outside the Dataverse environment");
        }

        return uri;
    }
}
