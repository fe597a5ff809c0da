using System;
using System.IO;
using SmartSync.Definitions.DataModel;
using SmartSync.Definitions.Parsing;

namespace SmartSync.Definitions.Tests;

/// <summary>The demo's data model and profiles, copied next to the tests.</summary>
internal static class TestData
{
    private static readonly Lazy<DataModelReadResult> Crm = new(() => CsdlParser.Parse(CrmCsdl, "crm.csdl"));

    public static string CrmCsdl => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "crm.csdl"));

    public static string SampleXml => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "SmartSync.xml"));

    public static DataModelReadResult CrmModel => Crm.Value;

    public static string Setup(string body) => "<SmartSyncSetup>\n" + body + "\n</SmartSyncSetup>";
}
