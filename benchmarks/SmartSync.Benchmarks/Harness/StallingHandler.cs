using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Tests.Shared;

namespace SmartSync.Benchmarks.Harness;

/// <summary>
/// A fault-injecting hop between the client and the server: when armed, the Nth entity-page response of a run stops
/// delivering its body after a few kilobytes for a while (a stuck connection mid-page), then goes on.
/// </summary>
public sealed class StallingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _pages;
    private int _stallPage;
    private long _stallAfterBytes;
    private TimeSpan _stall;

    /// <summary>How many stalls happened since the last <see cref="Arm"/>.</summary>
    public int Stalls { get; private set; }

    /// <summary>Stalls entity page number <paramref name="page"/> (from 1) after <paramref name="afterBytes"/> bytes for <paramref name="stall"/>; zero disarms.</summary>
    public void Arm(int page, long afterBytes, TimeSpan stall)
    {
        Interlocked.Exchange(ref _pages, 0);
        _stallPage = page;
        _stallAfterBytes = afterBytes;
        _stall = stall;
        Stalls = 0;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        if (_stall <= TimeSpan.Zero || !path.StartsWith("/odata/", StringComparison.Ordinal) || path.EndsWith("$metadata", StringComparison.Ordinal)
            || Interlocked.Increment(ref _pages) != _stallPage)
        {
            return response;
        }

        Stalls++;
        var (limit, stall) = (_stallAfterBytes, _stall);
        response.Content = new ReadWrappingContent(response.Content, body => new StallingStream(body, limit, stall));
        return response;
    }

    private sealed class StallingStream(Stream inner, long limit, TimeSpan stall) : ReadOnlyStreamWrapper(inner)
    {
        private bool _stalled;

        protected override async ValueTask<int> BeforeReadAsync(int requested, CancellationToken cancellationToken)
        {
            if (Delivered >= limit && !_stalled)
            {
                _stalled = true;
                await Task.Delay(stall, cancellationToken).ConfigureAwait(false);
            }

            return Delivered < limit ? (int)Math.Min(requested, limit - Delivered) : requested;
        }
    }
}
