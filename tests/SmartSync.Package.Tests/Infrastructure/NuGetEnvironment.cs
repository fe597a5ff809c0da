using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Package.Tests.Infrastructure;

/// <summary>
/// The machine's own NuGet setup, read through the CLI rather than hard-coded: the enabled package
/// sources (for the package's dependencies) and the global packages folder (reused read-only as a
/// fallback folder so dependencies are not downloaded again).
/// </summary>
public sealed record NuGetEnvironment(IReadOnlyList<string> Sources, string GlobalPackagesFolder)
{
    public static async Task<NuGetEnvironment> ReadAsync(DotNetCli cli, string workingDirectory, CancellationToken cancellationToken)
    {
        var sources = await cli.RunAsync(workingDirectory, cancellationToken, "nuget", "list", "source", "--format", "short");
        if (sources.ExitCode != 0)
        {
            throw new InvalidOperationException(sources.Describe());
        }

        // Short format: "E <url>" for an enabled source, "D <url>" for a disabled one.
        var enabled = sources.OutputLines
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("E ", StringComparison.Ordinal))
            .Select(line => line.Substring(2).Trim())
            .ToArray();

        var locals = await cli.RunAsync(workingDirectory, cancellationToken, "nuget", "locals", "global-packages", "--list");
        const string Prefix = "global-packages:";
        var folder = locals.OutputLines.FirstOrDefault(line => line.StartsWith(Prefix, StringComparison.Ordinal))?.Substring(Prefix.Length).Trim();
        if (locals.ExitCode != 0 || string.IsNullOrEmpty(folder))
        {
            throw new InvalidOperationException(locals.Describe());
        }

        return new NuGetEnvironment(enabled, folder);
    }
}
