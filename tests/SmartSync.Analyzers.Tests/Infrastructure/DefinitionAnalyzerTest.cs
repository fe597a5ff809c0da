using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SmartSync.Analyzers.Xml;

namespace SmartSync.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="SmartSyncDefinitionAnalyzer"/> over a C# project whose AdditionalFiles are a SmartSync.xml
/// (markup: <c>{|SS0010:taks|}</c> marks where a diagnostic must be) and, unless told otherwise, the demo's crm.csdl.
/// </summary>
internal sealed class DefinitionAnalyzerTest : CSharpAnalyzerTest<SmartSyncDefinitionAnalyzer, DefaultVerifier>
{
    public DefinitionAnalyzerTest()
    {
        ReferenceAssemblies = TestReferences.NoPackages;
        TestState.AdditionalReferences.AddRange(TestReferences.All);
        TestCode = "internal static class Placeholder { }";
    }

    /// <summary>SmartSync.xml with the demo data model: every diagnostic must be marked in <paramref name="xmlMarkup"/> or listed.</summary>
    public static Task VerifyAsync(string xmlMarkup, params DiagnosticResult[] expected) => Create(xmlMarkup, TestFiles.DemoCsdl, expected).RunAsync();

    public static DefinitionAnalyzerTest Create(string xmlMarkup, string? csdlMarkup, params DiagnosticResult[] expected)
    {
        var test = new DefinitionAnalyzerTest();
        test.TestState.AdditionalFiles.Add((TestFiles.XmlPath, xmlMarkup));
        if (csdlMarkup is not null)
        {
            test.TestState.AdditionalFiles.Add((TestFiles.CsdlPath, csdlMarkup));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }
}
