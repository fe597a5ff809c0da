using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.ReferenceServer;

namespace SmartSync.Benchmarks.Harness;

/// <summary>
/// A reference server seeded with N tasks, either in a child process (the client's CPU and memory figures are then
/// its own, and the server's CPU time is read separately) or in this process (smoke runs).
/// </summary>
public sealed class ServerEndpoint : IAsyncDisposable
{
    private readonly ServerProcess? _child;
    private readonly CrmServer? _inProcess;

    private ServerEndpoint(ServerProcess? child, CrmServer? inProcess, Uri address, string token, TimeSpan startTime)
    {
        _child = child;
        _inProcess = inProcess;
        BaseAddress = address;
        Token = token;
        StartTime = startTime;
    }

    public Uri BaseAddress { get; }

    public string Token { get; }

    public TimeSpan StartTime { get; }

    public bool IsSeparateProcess => _child is not null;

    /// <summary>The child process, when the server runs in one.</summary>
    public ServerProcess? Child => _child;

    public static async Task<ServerEndpoint> StartWithTasksAsync(string scratchFolder, int tasks, bool separateProcess, CancellationToken cancellationToken)
    {
        if (separateProcess)
        {
            var child = await ServerProcess.StartAsync(scratchFolder, tasks, cancellationToken).ConfigureAwait(false);
            return new ServerEndpoint(child, null, child.BaseAddress, child.Token, child.StartTime);
        }

        var (server, startTime) = await ServerSetup.StartAsync(ServerSetup.Only(scratchFolder, new Dictionary<string, int> { ["task"] = tasks }), cancellationToken).ConfigureAwait(false);
        return new ServerEndpoint(null, server, server.BaseAddress, ServerSetup.Token(server), startTime);
    }

    /// <summary>The server process's CPU time so far, or null when it shares this process.</summary>
    public TimeSpan? ServerProcessorTime() => _child?.ProcessorTime();

    public async ValueTask DisposeAsync()
    {
        if (_child is not null)
        {
            await _child.DisposeAsync().ConfigureAwait(false);
        }

        if (_inProcess is not null)
        {
            await _inProcess.DisposeAsync().ConfigureAwait(false);
        }
    }
}
