using System;
using System.IO;

namespace SmartSync.Analyzers.Tests.Infrastructure;

/// <summary>The demo's SmartSync.xml and crm.csdl (copied next to the tests) and the repository root.</summary>
internal static class TestFiles
{
    public const string XmlPath = "SmartSync.xml";
    public const string CsdlPath = "crm.csdl";

    public static string DemoXml { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "SmartSync.xml"));

    public static string DemoCsdl { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "crm.csdl"));

    /// <summary>The directory holding SmartSync.sln, found by walking up from the test output.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SmartSync.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SmartSync.sln was not found above " + AppContext.BaseDirectory);
    }
}
