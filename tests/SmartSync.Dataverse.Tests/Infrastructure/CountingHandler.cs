using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Tests.Shared;

namespace SmartSync.Dataverse.Tests.Infrastructure;

/// <summary>Counts the response body bytes the transport actually read, per response (the most of any one).</summary>
public sealed class CountingHandler() : DelegatingHandler(new HttpClientHandler())
{
    private long _most;

    /// <summary>The most bytes the transport read from one response body.</summary>
    public long MostReadFromOneBody => Interlocked.Read(ref _most);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.Content = new ReadWrappingContent(response.Content, body => new CountedStream(body, this));
        return response;
    }

    private void Record(long read)
    {
        long seen;
        while ((seen = Interlocked.Read(ref _most)) < read && Interlocked.CompareExchange(ref _most, read, seen) != seen)
        {
        }
    }

    private sealed class CountedStream(Stream inner, CountingHandler owner) : ReadOnlyStreamWrapper(inner)
    {
        protected override void AfterRead(int read) => owner.Record(Delivered);
    }
}
