using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Dataverse.Tests.Infrastructure;

/// <summary>
/// Lets the first request matching <paramref name="method"/> and a path fragment reach the emulator, then loses its
/// answer (the connection "breaks"), as a flaky mobile network does after the server applied the change.
/// </summary>
public sealed class LoseFirstResponseHandler(HttpMethod method, string pathFragment) : DelegatingHandler(new HttpClientHandler())
{
    private int _lost;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == method && request.RequestUri!.AbsolutePath.Contains(pathFragment, StringComparison.Ordinal) && Interlocked.Exchange(ref _lost, 1) == 0)
        {
            response.Dispose();
            throw new HttpRequestException("The connection was reset (simulated lost answer).");
        }

        return response;
    }
}
