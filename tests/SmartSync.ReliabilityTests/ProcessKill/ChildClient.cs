using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.ReliabilityTests.ProcessKill;

/// <summary>
/// The sample console client (samples/SmartSync.AotClient, its normal JIT build) running as a child process
/// against the test's server, so a test can kill it for real: no finally blocks, no disposal, no flush.
/// </summary>
public sealed class ChildClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildClient(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The client's path, written into the test assembly by the project file (same configuration).</summary>
    public static string AssemblyPath =>
        typeof(ChildClient).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AotClientPath").Value!;

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>Whether <see cref="Kill"/> ended the child (rather than the child ending by itself).</summary>
    public bool WasKilled { get; private set; }

    /// <summary>Kills the child and its process tree at once.</summary>
    public void Kill()
    {
        WasKilled = true;
        _process.Kill(entireProcessTree: true);
    }

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

    public static ChildClient Start(Uri server, string token, string databasePath, int pageSize, params string[] profiles)
    {
        Assert.True(File.Exists(AssemblyPath), $"the child client is not built at {AssemblyPath}");

        // The host that runs the tests (set by the SDK); a plain "dotnet" on PATH otherwise.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { AssemblyPath, "--server", server.ToString(), "--token", token, "--db", databasePath, "--page-size", pageSize.ToString(CultureInfo.InvariantCulture) }
            .Concat(profiles.SelectMany(p => new[] { "--profile", p })))
        {
            start.ArgumentList.Add(argument);
        }

        return new ChildClient(Process.Start(start) ?? throw new InvalidOperationException("The child client did not start."));
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
                await WaitForExitAsync(TimeSpan.FromSeconds(30));
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

    /// <summary>Waits (bounded) for the child to end by itself and returns its exit code.</summary>
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
            await WaitForExitAsync(TimeSpan.FromSeconds(30));
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
