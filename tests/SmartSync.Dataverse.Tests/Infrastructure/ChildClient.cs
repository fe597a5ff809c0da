using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Dataverse.Tests.Infrastructure;

/// <summary>
/// tests/SmartSync.Dataverse.ChildClient running a full sync against the emulator as a child process, so a test can
/// kill it for real: no finally blocks, no disposal, no flush.
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

    /// <summary>The child's path, written into the test assembly by the project file (same configuration).</summary>
    public static string AssemblyPath =>
        typeof(ChildClient).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ChildClientPath").Value!;

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

    public static ChildClient Start(Uri environment, string token, string databasePath, int pageSize)
    {
        Assert.True(File.Exists(AssemblyPath), $"the child client is not built at {AssemblyPath}");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { AssemblyPath, environment.AbsoluteUri, token, databasePath, pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return new ChildClient(Process.Start(start) ?? throw new InvalidOperationException("The child client did not start."));
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, then kills the child at once; false when it ended by itself first.</summary>
    public async Task<bool> KillWhenAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
            {
                _process.Kill(entireProcessTree: true);
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _process.WaitForExitAsync(limit.Token);
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(limit.Token);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
