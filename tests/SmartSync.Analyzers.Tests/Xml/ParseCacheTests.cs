using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SmartSync.Tests.Shared;
using SmartSync.Analyzers.Inputs;
using SmartSync.Analyzers.Tests.Infrastructure;
using SmartSync.Analyzers.Usage;
using SmartSync.Analyzers.Xml;
using Xunit;

namespace SmartSync.Analyzers.Tests.Xml;

/// <summary>The analyzers read each data model once per content, not once per compilation (a C# edit is a new compilation).</summary>
public sealed class ParseCacheTests
{
    private const string Xml = """
        <SmartSyncSetup>
          <SmartSync Name="GetTasks"><Entities><Entity Name="taks" /></Entities></SmartSync>
        </SmartSyncSetup>
        """;

    [Fact]
    public async Task Two_compilations_with_the_same_files_parse_the_csdl_once_and_report_the_same_diagnostics()
    {
        // A path of its own, so parses of other tests (the cache is shared) do not count here.
        var csdlPath = "/project/" + Guid.NewGuid().ToString("N") + "/crm.csdl";
        var files = ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/project/SmartSync.xml", Xml), new InMemoryAdditionalText(csdlPath, TestFiles.DemoCsdl));

        var first = await AnalyzeAsync(Compilation("class A { }"), files);
        var second = await AnalyzeAsync(Compilation("class A { void Edited() { } }"), files);
        // The IDE may hand the same content over as new AdditionalText objects: still the same content.
        var copies = ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/project/SmartSync.xml", Xml), new InMemoryAdditionalText(csdlPath, TestFiles.DemoCsdl));
        var third = await AnalyzeAsync(Compilation("class A { int Edited2() => 1; }"), copies);

        Assert.Equal(1, ParseCache.Shared.DataModelParsesOf(csdlPath));
        Assert.Equal(["SS0010"], first.Select(d => d.Id));
        Assert.Equal(first.Select(d => d.ToString()), second.Select(d => d.ToString()));
        Assert.Equal(first.Select(d => d.ToString()), third.Select(d => d.ToString()));
    }

    [Fact]
    public async Task An_edited_csdl_is_parsed_again_and_its_new_content_is_what_the_names_are_checked_against()
    {
        var csdlPath = "/project/" + Guid.NewGuid().ToString("N") + "/crm.csdl";
        var before = ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/project/SmartSync.xml", Xml), new InMemoryAdditionalText(csdlPath, TestFiles.DemoCsdl));
        var edited = TestFiles.DemoCsdl.Replace("<EntityType Name=\"task\"", "<EntityType Name=\"taks\"", StringComparison.Ordinal)
            .Replace("EntityType=\"Microsoft.Dynamics.CRM.task\"", "EntityType=\"Microsoft.Dynamics.CRM.taks\"", StringComparison.Ordinal);
        Assert.NotEqual(TestFiles.DemoCsdl, edited);
        var after = ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/project/SmartSync.xml", Xml), new InMemoryAdditionalText(csdlPath, edited));

        var first = await AnalyzeAsync(Compilation("class A { }"), before);
        var second = await AnalyzeAsync(Compilation("class A { }"), after);

        Assert.Equal(2, ParseCache.Shared.DataModelParsesOf(csdlPath));
        Assert.Contains(first, d => d.Id == "SS0010");
        Assert.DoesNotContain(second, d => d.Id == "SS0010");
    }

    private static CSharpCompilation Compilation(string source) => CSharpCompilation.Create(
        "Consumer",
        [CSharpSyntaxTree.ParseText(source)],
        TestReferences.All,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, ImmutableArray<AdditionalText> files)
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new SmartSyncDefinitionAnalyzer(), new ProfileNameUsageAnalyzer());
        var diagnostics = await compilation.WithAnalyzers(analyzers, new AnalyzerOptions(files)).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(d => d.Id.StartsWith("SS", StringComparison.Ordinal)).OrderBy(d => d.ToString(), StringComparer.Ordinal).ToImmutableArray();
    }
}
