using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using SmartSync.Transport;
using Xunit;

namespace SmartSync.Runtime.Tests.Hosting;

/// <summary>
/// The hosted client's HTTP calls end: a server that accepts and never answers, or answers the headers and then
/// stalls in the body, fails the run with <see cref="TransportUnavailableException"/> after the per-attempt timeout
/// instead of holding the sync queue forever. The "server" is a real socket on loopback.
/// </summary>
public sealed class HostedTimeoutTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_server_that_never_finishes_its_answer_fails_the_run_after_the_attempt_timeout(bool sendHeaders)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var silent = ServeSilentlyAsync(listener, sendHeaders, stop.Token);
        var folder = Path.Combine(Path.GetTempPath(), "smartsync-hosted-timeout", Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection();
        services.AddSmartSync(options =>
        {
            options.DatabasePath = Path.Combine(folder, "device.db");
            options.ServerBaseAddress = new Uri("http://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port + "/");
            options.AccessToken = "token";
            options.RequestAttemptTimeout = TimeSpan.FromSeconds(1);
            options.MaxRetryAttempts = 0;
            options.StartTriggers = false;
            options.SetAsDefault = false;
        });
        await using (var provider = services.BuildServiceProvider())
        {
            var client = provider.GetRequiredService<SmartSyncClient>();

            var result = await client.RunFullSyncAsync().WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(SyncOutcome.Failed, result.Outcome);
            var error = Assert.IsType<TransportUnavailableException>(result.Error);
            Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        }

        stop.Cancel();
        listener.Stop();
        await silent.ContinueWith(_ => { }, TaskScheduler.Default);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Accepts connections, reads the request, and answers nothing (or only the headers of a 200 with a long body).</summary>
    private static async Task ServeSilentlyAsync(TcpListener listener, bool sendHeaders, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var socket = await listener.AcceptSocketAsync(cancellationToken);
            _ = Task.Run(
                async () =>
                {
                    using (socket)
                    {
                        var buffer = new byte[8192];
                        await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                        if (sendHeaders)
                        {
                            var head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"UserId\":";
                            await socket.SendAsync(Encoding.ASCII.GetBytes(head), SocketFlags.None, cancellationToken);
                        }

                        await Task.Delay(Timeout.Infinite, cancellationToken);
                    }
                },
                cancellationToken);
        }
    }
}
