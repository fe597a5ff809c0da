using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Tests.Shared;

/// <summary>
/// A .NET console app of the repository running as a child process, so a test can kill it for real: no finally
/// blocks, no disposal, no flush. Its output is collected for failure messages.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>Whether <see cref="Kill"/> ended the child (rather than the child ending by itself).</summary>
    public bool WasKilled { get; private set; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="assemblyPath"/> (a built app's dll) with <paramref name="arguments"/>.</summary>
    public static ChildProcess Start(string assemblyPath, IEnumerable<string> arguments)
    {
        Assert.True(File.Exists(assemblyPath), $"the child app is not built at {assemblyPath}");

        // The host that runs the tests (set by the SDK); a plain "dotnet" on PATH otherwise.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(assemblyPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException("The child app did not start."));
    }

    /// <summary>Kills the child and its process tree at once.</summary>
    public void Kill()
    {
        WasKilled = true;
        _process.Kill(entireProcessTree: true);
    }

    /// <summary>
    /// Polls <paramref name="condition"/> (a cheap read of the server's state) until it holds, then kills the
    /// child at once. False when the child exited on its own first or the bounded wait ran out.
    /// </summary>
    public async Task<bool> KillWhenAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
            {
                Kill();
                await WaitForExitAsync(ExitWait);
                return true;
            }

            if (_process.HasExited)
            {
                return false;
            }

            await Task.Delay(1);
        }

        return false;
    }

    /// <summary>Waits (bounded) for the child to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await WaitForExitAsync(ExitWait);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
