using System;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SmartSync.Transport.Http;

namespace SmartSync.IntegrationTests.Infrastructure;

/// <summary>Builds real HTTP transports for a user; disposing releases the HttpClient.</summary>
public sealed class TransportHandle : IDisposable
{
    private readonly HttpClient _client;

    public TransportHandle(Uri baseAddress, string? token, ILogger<HttpSyncTransport>? logger = null, Action<HttpSyncTransportOptions>? configure = null)
    {
        _client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var options = new HttpSyncTransportOptions
        {
            BaseAddress = baseAddress,
            AccessTokenProvider = _ => ValueTask.FromResult(token),
            MaxRetryAttempts = 0,
        };
        configure?.Invoke(options);
        Transport = new HttpSyncTransport(_client, options, logger);
    }

    public HttpSyncTransport Transport { get; }

    public void Dispose() => _client.Dispose();
}
