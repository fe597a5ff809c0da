using System;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.IntegrationTests.EndToEnd;

/// <summary>
/// Shrinks the cleanup phase's visible-key pages to a few keys and counts the requests, so a test can
/// tell a full key walk (many pages) from a walk skipped after the first page's count matched.
/// </summary>
public sealed partial class VisibleKeysPagingHandler() : DelegatingHandler(new HttpClientHandler())
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    public void Reset() => Interlocked.Exchange(ref _requests, 0);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && uri.AbsolutePath.Contains("/api/visiblekeys/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _requests);
            request.RequestUri = new Uri(TopParameter().Replace(uri.ToString(), "top=5"));
        }

        return base.SendAsync(request, cancellationToken);
    }

    [GeneratedRegex("top=[0-9]+")]
    private static partial Regex TopParameter();
}
