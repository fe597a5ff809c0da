using System;
using System.IO;

namespace SmartSync.Package.Tests.Infrastructure;

/// <summary>Where the repository and the test's consumer files are.</summary>
public static class RepositoryLayout
{
    /// <summary>The folder holding SmartSync.sln, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    public static string PackageProject => Path.Combine(Root, "src", "SmartSync", "SmartSync.csproj");

    public static string ServerPackageProject => Path.Combine(Root, "src", "SmartSync.Server", "SmartSync.Server.csproj");

    /// <summary>The files copied next to the test assembly (ConsumerFiles/...).</summary>
    public static string ConsumerFile(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "ConsumerFiles", .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SmartSync.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SmartSync.sln not found above " + AppContext.BaseDirectory);
    }
}
