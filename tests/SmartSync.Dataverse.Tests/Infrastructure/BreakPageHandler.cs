using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Dataverse.Tests.Infrastructure;

/// <summary>
/// Breaks the connection in the middle of the first response whose request matches (a page cut off halfway, as when
/// the app is killed or the network drops mid-download): the body delivers some bytes, then fails.
/// </summary>
public sealed class BreakPageHandler(Func<HttpRequestMessage, bool> match) : DelegatingHandler(new HttpClientHandler())
{
    private int _broken;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!match(request) || Interlocked.Exchange(ref _broken, 1) != 0)
        {
            return response;
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var broken = new HttpResponseMessage(response.StatusCode) { RequestMessage = request, Content = new StreamContent(new BreakingStream(bytes, bytes.Length / 2)) };
        response.Dispose();
        return broken;
    }

    private sealed class BreakingStream(byte[] bytes, int breakAt) : MemoryStream(bytes, 0, breakAt)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("The connection was reset mid-page (simulated).");
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            return read > 0 ? read : throw new IOException("The connection was reset mid-page (simulated).");
        }
    }
}
