using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SmartSync.Tests.Shared;
using SmartSync.Analyzers.Usage;
using SmartSync.CodeFixes;
using SmartSync.Generator;

namespace SmartSync.Analyzers.Tests.Infrastructure;

/// <summary>
/// SS0050 and its code fix over C# that calls the real SmartSync runtime, with SmartSync.xml and the demo's
/// crm.csdl as AdditionalFiles and the real source generator's <c>Profiles</c> (in namespace
/// <c>TestProject</c>, the test project's assembly name).
/// </summary>
internal sealed class UsageCodeFixTest : CSharpCodeFixTest<ProfileNameUsageAnalyzer, UseTypedProfileCodeFixProvider, DefaultVerifier>
{
    public const string Xml = """
        <SmartSyncSetup>
          <SmartSync Name="GetTasks" SyncAction="DownSync"><Entities><Entity Name="task" /></Entities></SmartSync>
          <SmartSync Name="UploadActivities" SyncAction="UpSync"><Entities><Entity Name="task" /><Entity Name="phonecall" /></Entities></SmartSync>
          <SmartSync Name="Broken"><Entities><Entity Name="taks" /></Entities></SmartSync>
        </SmartSyncSetup>
        """;

    public UsageCodeFixTest(string? xml = Xml)
    {
        ReferenceAssemblies = TestReferences.NoPackages;
        TestState.AdditionalReferences.AddRange(TestReferences.All);
        FixedState.AdditionalReferences.AddRange(TestReferences.All);
        if (xml is not null)
        {
            TestState.AdditionalFiles.Add((TestFiles.XmlPath, xml));
            FixedState.AdditionalFiles.Add((TestFiles.XmlPath, xml));
        }

        TestState.AdditionalFiles.Add((TestFiles.CsdlPath, TestFiles.DemoCsdl));
        FixedState.AdditionalFiles.Add((TestFiles.CsdlPath, TestFiles.DemoCsdl));
        foreach (var source in Generate(xml))
        {
            TestState.Sources.Add(source);
            FixedState.Sources.Add(source);
        }
    }

    /// <summary>Sets the same code before and after: the fix must not be offered.</summary>
    public string UnchangedCode
    {
        init
        {
            TestCode = value;
            FixedCode = value;
        }
    }

    /// <summary>
    /// The real generator's output for <paramref name="xml"/>, added as ordinary sources: the code-fix
    /// harness does not run generators in the workspace the fix sees, whereas an IDE does.
    /// </summary>
    private static IEnumerable<(string Path, string Text)> Generate(string? xml)
    {
        var additionalFiles = new List<AdditionalText> { new InMemoryAdditionalText(TestFiles.CsdlPath, TestFiles.DemoCsdl) };
        if (xml is not null)
        {
            additionalFiles.Add(new InMemoryAdditionalText(TestFiles.XmlPath, xml));
        }

        var compilation = CSharpCompilation.Create("TestProject", [], TestReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = CSharpGeneratorDriver.Create([new SmartSyncGenerator().AsSourceGenerator()], additionalFiles)
            .RunGenerators(compilation);
        return driver.GetRunResult().GeneratedTrees.Select(t => ("/0/Generated/" + Path.GetFileName(t.FilePath), t.GetText().ToString())).ToList();
    }
}
