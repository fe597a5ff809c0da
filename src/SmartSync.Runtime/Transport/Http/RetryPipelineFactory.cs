using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace SmartSync.Transport.Http;

/// <summary>
/// The resilience pipeline of every request: retries 429 and 503 (honouring <c>Retry-After</c>, capped) and
/// connection failures, with exponential backoff and jitter, a bounded number of times, on the options' clock.
/// </summary>
internal static class RetryPipelineFactory
{
    public static ResiliencePipeline<HttpResponseMessage> Create(HttpSyncTransportOptions options, ILogger logger)
    {
        var retry = new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = Math.Max(0, options.MaxRetryAttempts),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.MaxRetryDelay,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.CancellationToken.IsCancellationRequested)),
            DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, options)),
            OnRetry = args =>
            {
                var request = args.Outcome.Result?.RequestMessage?.RequestUri?.AbsolutePath ?? "request";
                var reason = args.Outcome.Result is { } response
                    ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : args.Outcome.Exception?.GetType().Name ?? "failure";
                TransportLog.Retrying(logger, request, reason, args.RetryDelay, args.AttemptNumber + 1);
                return default;
            },
        };

        if (options.MaxRetryAttempts <= 0)
        {
            return ResiliencePipeline<HttpResponseMessage>.Empty;
        }

        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider }
            .AddRetry(retry)
            .Build();
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, bool cancelled)
    {
        if (cancelled)
        {
            return false;
        }

        if (outcome.Result is { } response)
        {
            return response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
        }

        // Connection refused/reset, DNS, or HttpClient's own timeout (a cancellation the caller did not ask for).
        return outcome.Exception is HttpRequestException or TaskCanceledException;
    }

    /// <summary>The server's <c>Retry-After</c> (seconds or a date), capped; null lets the backoff decide.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, HttpSyncTransportOptions options)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        var delay = header.Delta ?? (header.Date is { } date ? date - options.TimeProvider.GetUtcNow() : (TimeSpan?)null);
        if (delay is null)
        {
            return null;
        }

        return delay.Value < TimeSpan.Zero ? TimeSpan.Zero : delay.Value > options.MaxRetryDelay ? options.MaxRetryDelay : delay.Value;
    }
}
