using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.IntegrationTests.EndToEnd;

/// <summary>
/// Lets the first PATCH reach the server, then throws away its response as a dropped connection would:
/// the server applied the change but the device never heard back.
/// </summary>
public sealed class LoseFirstPatchResponseHandler() : DelegatingHandler(new HttpClientHandler())
{
    private int _lost;

    public bool Armed { get; set; }

    public int Lost => Volatile.Read(ref _lost);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (Armed && request.Method == HttpMethod.Patch && Interlocked.CompareExchange(ref _lost, 1, 0) == 0)
        {
            response.Dispose();
            throw new HttpRequestException("The connection was reset before the response arrived (simulated).");
        }

        return response;
    }
}
