using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SmartSync.Tests.Shared;

namespace SmartSync.Generator.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="SmartSyncGenerator"/> over a real <see cref="CSharpCompilation"/> with
/// in-memory AdditionalFiles and MSBuild options, tracking incremental steps.
/// </summary>
internal sealed class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private GeneratorHarness(CSharpCompilation compilation, GeneratorDriver driver, IReadOnlyList<AdditionalText> texts)
    {
        Compilation = compilation;
        Driver = driver;
        Texts = texts;
    }

    public CSharpCompilation Compilation { get; }

    public GeneratorDriver Driver { get; private set; }

    public IReadOnlyList<AdditionalText> Texts { get; }

    public static GeneratorHarness Create(
        IEnumerable<GeneratorInput> inputs,
        IReadOnlyDictionary<string, string>? globalOptions = null,
        string assemblyName = "Demo.App",
        params string[] sources)
    {
        var inputList = inputs.ToList();
        var texts = inputList.Select(i => (AdditionalText)new InMemoryAdditionalText(i.Path, i.Text)).ToList();
        var options = new TestAnalyzerConfigOptionsProvider(
            globalOptions ?? new Dictionary<string, string> { ["build_property.RootNamespace"] = "Demo.App" },
            inputList.ToDictionary(i => i.Path, i => i.Metadata));

        var compilation = CSharpCompilation.Create(
            assemblyName,
            sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)),
            CompilationReferences.All,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                deterministic: true,
                // As the .NET SDK does: the runtime assemblies target net8.0 and unify with the net10.0 references.
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));

        var driver = CSharpGeneratorDriver.Create(
            [new SmartSyncGenerator().AsSourceGenerator()],
            texts,
            ParseOptions,
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return new GeneratorHarness(compilation, driver, texts);
    }

    /// <summary>Runs the generator (again) over <paramref name="compilation"/>, or the original compilation.</summary>
    public GeneratorRunOutcome Run(CSharpCompilation? compilation = null)
    {
        Driver = Driver.RunGeneratorsAndUpdateCompilation(compilation ?? Compilation, out var output, out var driverDiagnostics);
        return new GeneratorRunOutcome(Driver.GetRunResult(), (CSharpCompilation)output, driverDiagnostics);
    }

    /// <summary>Swaps one AdditionalFile for new text, as an IDE edit does.</summary>
    public void ReplaceText(AdditionalText old, string newText) =>
        Driver = Driver.ReplaceAdditionalText(old, new InMemoryAdditionalText(old.Path, newText));
}

/// <summary>What one generator run produced.</summary>
internal sealed record GeneratorRunOutcome(GeneratorDriverRunResult RunResult, CSharpCompilation Output, ImmutableArray<Diagnostic> DriverDiagnostics)
{
    public GeneratorRunResult Result => RunResult.Results.Single();

    /// <summary>Generated files by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>Warnings and errors of the compilation including the generated code.</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
}
