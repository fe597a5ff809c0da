using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Benchmarks.Harness;

/// <summary>
/// The reference server in a child process (this app's <c>serve</c> command), so the memory scenario measures
/// the client alone. The child prints one <c>READY</c> line and exits when its standard input closes.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress, string token, TimeSpan startTime)
    {
        _process = process;
        BaseAddress = baseAddress;
        Token = token;
        StartTime = startTime;
    }

    public Uri BaseAddress { get; }

    public string Token { get; }

    /// <summary>Seeding plus Kestrel start, as the child measured it.</summary>
    public TimeSpan StartTime { get; }

    /// <summary>The child's peak working set, read when it stops.</summary>
    public long PeakWorkingSetBytes { get; private set; }

    public static async Task<ServerProcess> StartAsync(string scratchFolder, int taskRows, CancellationToken cancellationToken)
    {
        var assembly = typeof(ServerProcess).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assembly);
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--task-rows");
        info.ArgumentList.Add(taskRows.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--scratch");
        info.ArgumentList.Add(scratchFolder);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("The server process did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("Could not start 'dotnet' for the server process.", ex);
        }

        try
        {
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The server process exited before it was ready.");
                var parts = line.Split(' ');
                if (parts.Length == 4 && parts[0] == "READY")
                {
                    var startTime = TimeSpan.FromMilliseconds(double.Parse(parts[3], CultureInfo.InvariantCulture));
                    return new ServerProcess(process, new Uri(parts[1]), parts[2], startTime);
                }
            }
        }
        catch
        {
            Stop(process);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Stop(_process);
        }
        catch (IOException)
        {
            Stop(_process);
        }

        _process.Dispose();
    }

    /// <summary>CPU time the child has used so far (all its threads).</summary>
    public TimeSpan ProcessorTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Reads the child's peak working set while it is still running.</summary>
    public void CapturePeakWorkingSet()
    {
        try
        {
            _process.Refresh();
            PeakWorkingSetBytes = _process.PeakWorkingSet64;
        }
        catch (InvalidOperationException)
        {
            PeakWorkingSetBytes = 0;
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
