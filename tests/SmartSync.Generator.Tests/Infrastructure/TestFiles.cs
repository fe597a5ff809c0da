using System;
using System.IO;

namespace SmartSync.Generator.Tests.Infrastructure;

/// <summary>Reads the test inputs copied next to the test assembly (Inputs/...).</summary>
internal static class TestFiles
{
    public static string Read(params string[] relativePath) =>
        File.ReadAllText(Path.Combine([AppContext.BaseDirectory, "Inputs", .. relativePath]));

    public static string SampleProfiles => Read("Sample", "SmartSync.xml");

    public static string SampleDataModel => Read("Sample", "crm.csdl");
}
