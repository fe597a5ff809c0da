using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SmartSync.Package.Tests.Infrastructure;

/// <summary>
/// Packs src/SmartSync once for every test in the collection, into a temporary folder that also
/// holds the consumers: a local feed, a nuget.config that takes SmartSync from that feed only, an
/// isolated NUGET_PACKAGES folder and empty Directory.* files that stop MSBuild from finding anything
/// above. The package gets a version no other run used, so no cached SmartSync can stand in for it.
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    public const string PackageId = "SmartSync";

    public const string ServerPackageId = "SmartSync.Server";

    public string WorkRoot { get; } = Path.Combine(Path.GetTempPath(), "smartsync-package-tests", Guid.NewGuid().ToString("N"));

    public string PackageVersion { get; } = "0.1.0-test-" + Guid.NewGuid().ToString("N").Substring(0, 12);

    public string FeedDirectory => Path.Combine(WorkRoot, "feed");

    public string PackagePath => Path.Combine(FeedDirectory, $"{PackageId}.{PackageVersion}.nupkg");

    public string SymbolsPackagePath => Path.Combine(FeedDirectory, $"{PackageId}.{PackageVersion}.snupkg");

    /// <summary>Runs dotnet for the consumers: isolated NUGET_PACKAGES, the fixture's nuget.config.</summary>
    public DotNetCli ConsumerCli { get; private set; } = null!;

    public CommandResult PackResult { get; private set; } = null!;

    public CommandResult ServerPackResult { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkRoot);
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            await File.WriteAllTextAsync(Path.Combine(WorkRoot, name), "<Project />\n");
        }

        // Packing uses the machine's normal NuGet setup (the repository's build dependencies are cached there).
        var machineCli = new DotNetCli(new Dictionary<string, string>());
        var nuget = await NuGetEnvironment.ReadAsync(machineCli, WorkRoot, CancellationToken.None);

        PackResult = await PackAsync(machineCli, RepositoryLayout.PackageProject);
        if (PackResult.ExitCode != 0 || !File.Exists(PackagePath))
        {
            throw new InvalidOperationException("dotnet pack failed: " + PackResult.Describe());
        }

        // The server library, same version, same feed (docs/server.md).
        ServerPackResult = await PackAsync(machineCli, RepositoryLayout.ServerPackageProject);
        if (ServerPackResult.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack of the server failed: " + ServerPackResult.Describe());
        }

        await File.WriteAllTextAsync(Path.Combine(WorkRoot, "nuget.config"), NuGetConfig(nuget));
        var packages = Path.Combine(WorkRoot, "packages");
        Directory.CreateDirectory(packages);
        ConsumerCli = new DotNetCli(new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages });
    }

    /// <summary>Packs one project of the repository, at the test version, into the test feed.</summary>
    private Task<CommandResult> PackAsync(DotNetCli cli, string project) =>
        cli.RunAsync(
            RepositoryLayout.Root,
            CancellationToken.None,
            "pack",
            project,
            "-c",
            "Release",
            "-o",
            FeedDirectory,
            // Its own bin/obj: nothing shared with builds in the working tree, and a clean-clone build every run.
            "--artifacts-path",
            Path.Combine(WorkRoot, "artifacts"),
            "-p:PackageVersion=" + PackageVersion,
            "-tl:off",
            "-nologo");

    public Task DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("SMARTSYNC_KEEP_PACKAGE_TEST_FILES") != "1")
        {
            try
            {
                Directory.Delete(WorkRoot, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a process that is shutting down: the OS cleans /tmp.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return Task.CompletedTask;
    }

    private string NuGetConfig(NuGetEnvironment nuget)
    {
        var config = new StringBuilder();
        config.AppendLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        config.AppendLine("<configuration>");
        config.AppendLine("  <packageSources>");
        config.AppendLine("    <clear />");
        config.AppendLine($"    <add key=\"smartsync-local\" value=\"{Escape(FeedDirectory)}\" />");
        var keys = nuget.Sources.Select((source, index) => ($"machine-{index}", source)).ToArray();
        foreach (var (key, source) in keys)
        {
            config.AppendLine($"    <add key=\"{key}\" value=\"{Escape(source)}\" />");
        }

        config.AppendLine("  </packageSources>");
        // SmartSync only from the local feed; everything else only from the machine's sources.
        config.AppendLine("  <packageSourceMapping>");
        config.AppendLine($"    <packageSource key=\"smartsync-local\"><package pattern=\"{PackageId}\" /><package pattern=\"{ServerPackageId}\" /></packageSource>");
        foreach (var (key, _) in keys)
        {
            config.AppendLine($"    <packageSource key=\"{key}\"><package pattern=\"*\" /></packageSource>");
        }

        config.AppendLine("  </packageSourceMapping>");
        config.AppendLine("  <fallbackPackageFolders>");
        config.AppendLine("    <clear />");
        config.AppendLine($"    <add key=\"machine-cache\" value=\"{Escape(nuget.GlobalPackagesFolder)}\" />");
        config.AppendLine("  </fallbackPackageFolders>");
        config.AppendLine("</configuration>");
        return config.ToString();
    }

    private static string Escape(string value) => SecurityElement.Escape(value) ?? string.Empty;
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "SmartSync package";
}
