using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmartSync.ReliabilityTests.ProcessKill;

/// <summary>
/// A forwarding proxy on 127.0.0.1 between a child client and the server. When <see cref="OnApplied"/> says so
/// for an upload the server has already answered, it runs the kill before a byte of that answer goes back: the
/// server applied the change, the child can never have recorded its success.
/// </summary>
public sealed class KillingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _forward = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private int _uploads;

    private KillingProxy(WebApplication app) => _app = app;

    /// <summary>Called with the 1-based index of each answered upload (PATCH/DELETE); true kills and drops the answer.</summary>
    public Func<int, bool> OnApplied { get; set; } = _ => false;

    private readonly TaskCompletionSource<Action> _kill = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What a kill does; a kill due before this is set waits for it (the child starts after the proxy).</summary>
    public void SetKill(Action kill) => _kill.TrySetResult(kill);

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<KillingProxy> StartAsync(Uri server)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new KillingProxy(app);
        app.Run(context => proxy.ForwardAsync(server, context));
        await app.StartAsync();
        return proxy;
    }

    private async Task ForwardAsync(Uri server, HttpContext context)
    {
        var request = context.Request;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(server, request.Path + request.QueryString));
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (!string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase) && !message.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await _forward.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        if ((HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method)) && OnApplied(Interlocked.Increment(ref _uploads)))
        {
            (await _kill.Task.WaitAsync(context.RequestAborted))();
            context.Abort();
            return;
        }

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!string.Equals(name, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _forward.Dispose();
    }
}
