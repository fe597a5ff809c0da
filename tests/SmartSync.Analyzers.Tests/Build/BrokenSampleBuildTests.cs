using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Analyzers.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SmartSync.Analyzers.Tests.Build;

/// <summary>
/// Builds samples/broken (the demo's SmartSync.xml with three mistakes) with the real <c>dotnet build</c>,
/// the analyzers loaded the way a consuming project loads them, and checks that the build fails with the
/// compiler-style lines a developer sees.
/// </summary>
public sealed class BrokenSampleBuildTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dotnet_build_fails_with_the_errors_located_in_SmartSync_xml()
    {
        var project = Path.Combine(TestFiles.RepositoryRoot, "samples", "broken", "Broken.csproj");
        var (exitCode, log) = await RunDotnetBuildAsync(project);
        output.WriteLine(log);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("SmartSync.xml(9,21): error SS0010: Entity 'taks' is not in the data model; did you mean 'task'?", log, StringComparison.Ordinal);
        Assert.Contains("SmartSync.xml(13,50): error SS0005: 'Upload' is not a valid value for SyncAction; allowed: UpDownSync, UpSync, DownSync", log, StringComparison.Ordinal);
        Assert.Contains("SmartSync.xml(43,20): error SS0030: Trigger launches profile 'SalesPipline', which is not defined; did you mean 'SalesPipeline'?", log, StringComparison.Ordinal);

        // Exactly those three: MSBuild repeats each error in its summary, so count distinct lines.
        var smartSyncErrors = Regex.Matches(log, @"SmartSync\.xml\(\d+,\d+\): (error|warning) SS\d{4}: [^\r\n]*")
            .Select(m => m.Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(3, smartSyncErrors.Count);
    }

    private static async Task<(int ExitCode, string Log)> RunDotnetBuildAsync(string project)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(project)!,
        };

        // One build, restore included; no build server or compiler server left running after the test.
        foreach (var argument in new[] { "build", project, "-nodeReuse:false", "-p:UseSharedCompilation=false", "-clp:NoSummary" })
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild variables would point the child build at the wrong MSBuild.
        foreach (var variable in new[] { "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet build of samples/broken did not finish within 5 minutes");
        }

        var log = new StringBuilder().Append(await stdout).Append(await stderr).ToString();
        return (process.ExitCode, log);
    }
}
