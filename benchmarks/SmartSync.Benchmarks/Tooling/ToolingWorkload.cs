using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SmartSync.Analyzers.Usage;
using SmartSync.Analyzers.Xml;
using SmartSync.Generator;
using SmartSync.Tests.Shared;

namespace SmartSync.Benchmarks.Tooling;

/// <summary>
/// A real C# compilation with the synthetic SmartSync.xml and CSDL as AdditionalFiles, and the operations measured on
/// it: a generator run with a fresh driver (nothing cached), the analyzers' full pass, and a rerun after an unrelated
/// C# edit with the step-tracking the generator's cache tests use.
/// </summary>
public sealed class ToolingWorkload
{
    private const string AppSource = """
        namespace Bench.App;

        public static class Startup
        {
            public static System.Threading.Tasks.Task<SmartSync.SyncResult> Go(SmartSync.SmartSyncClient client) => client.RunAsync("Profile0001");
        }
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    private readonly CSharpParseOptions _parseOptions = new(LanguageVersion.Latest);
    private readonly ImmutableArray<AdditionalText> _texts;
    private readonly BuildOptionsProvider _options = new(new Dictionary<string, string> { ["build_property.RootNamespace"] = "Bench.App" });

    public ToolingWorkload(int profiles, int entities)
        : this(profiles, entities, SyntheticInputs.SmartSyncXml(profiles, entities), SyntheticInputs.Csdl(entities))
    {
    }

    /// <summary>A workload over given texts (e.g. a Dataverse-scale <c>$metadata</c>).</summary>
    public ToolingWorkload(int profiles, int entities, string smartSyncXml, string csdl)
    {
        Profiles = profiles;
        Entities = entities;
        CsdlLength = csdl.Length;
        _texts =
        [
            new InMemoryAdditionalText("/bench/SmartSync.xml", smartSyncXml),
            new InMemoryAdditionalText("/bench/model.csdl", csdl),
        ];
        Compilation = CSharpCompilation.Create(
            "Bench.App",
            [CSharpSyntaxTree.ParseText(AppSource, _parseOptions, path: "/bench/Startup.cs")],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    public int Profiles { get; }

    public int Entities { get; }

    /// <summary>The data model's length in characters (UTF-16: twice that in bytes in memory; its UTF-8 file is about that many bytes).</summary>
    public int CsdlLength { get; }

    public CSharpCompilation Compilation { get; }

    /// <summary>The SmartSync.xml and the data model as AdditionalFiles (the same instances every time, as in the IDE).</summary>
    public ImmutableArray<AdditionalText> Texts => _texts;

    public GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        [new SmartSyncGenerator().AsSourceGenerator()],
        _texts,
        _parseOptions,
        _options,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>A generator run with nothing cached; returns the driver (for a rerun) and the generated file count.</summary>
    public (GeneratorDriver Driver, int GeneratedFiles, int Diagnostics) RunGeneratorCold()
    {
        var driver = NewDriver().RunGenerators(Compilation);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
        {
            throw new InvalidOperationException("The generator failed.", result.Exception);
        }

        return (driver, result.GeneratedSources.Length, result.Diagnostics.Length);
    }

    /// <summary>The compilation after an unrelated edit: a method added to the app's class.</summary>
    public CSharpCompilation EditedCompilation(int edit)
    {
        var old = Compilation.SyntaxTrees.Single();
        var text = AppSource.Replace(
            "public static class Startup\n{",
            "public static class Startup\n{\n    public static int Edit" + edit.ToString(System.Globalization.CultureInfo.InvariantCulture) + "() => 42;",
            StringComparison.Ordinal);
        if (text == AppSource)
        {
            text = AppSource + "\n// edit " + edit.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n";
        }

        return Compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, _parseOptions, path: old.FilePath));
    }

    /// <summary>Reruns a driver that already ran; counts the tracked outputs the rerun produced anew or changed.</summary>
    public static int ReemittedOutputs(GeneratorDriver rerun)
    {
        var result = rerun.GetRunResult().Results.Single();
        return result.TrackedOutputSteps
            .SelectMany(step => step.Value)
            .SelectMany(run => run.Outputs)
            .Count(output => output.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified);
    }

    /// <summary>Names of the tracked output steps, for the report.</summary>
    public static IReadOnlyList<string> TrackedOutputNames(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedOutputSteps.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The shared parser/validator on content no cache has seen: both analyzers over this workload's files with a
    /// comment naming <paramref name="edit"/> appended (what follows a user's edit of the XML or the data model). The
    /// analyzers' parse cache is keyed by content, so this parses and validates both files again; it is measured through
    /// Roslyn's public <see cref="CompilationWithAnalyzers"/>, as the IDE runs it, not through the Definitions internals.
    /// </summary>
    public Task<ImmutableArray<Diagnostic>> RunAnalyzersOnEditedFilesAsync(int edit, CancellationToken cancellationToken) =>
        RunAnalyzersAsync(Compilation, EditedTexts(edit), AnalyzersOf(), cancellationToken);

    /// <summary>
    /// Both analyzers over texts made beforehand with <see cref="EditedTexts"/>, so a measurement does not include
    /// building a 15 MB string (and the GC work for it) that the IDE would have had before the analyzers ran.
    /// </summary>
    public Task<ImmutableArray<Diagnostic>> RunAnalyzersAsync(ImmutableArray<AdditionalText> texts, CancellationToken cancellationToken) =>
        RunAnalyzersAsync(Compilation, texts, AnalyzersOf(), cancellationToken);

    /// <summary>The AdditionalFiles with an XML comment naming <paramref name="edit"/> appended: new content, same paths.</summary>
    public ImmutableArray<AdditionalText> EditedTexts(int edit)
    {
        var marker = "\n<!-- edit " + edit.ToString(System.Globalization.CultureInfo.InvariantCulture) + " -->\n";
        return _texts.Select(t => (AdditionalText)new InMemoryAdditionalText(t.Path, t.GetText()!.ToString() + marker)).ToImmutableArray();
    }

    /// <summary>Both analyzers over the compilation and its AdditionalFiles; returns what they reported.</summary>
    public Task<ImmutableArray<Diagnostic>> RunAnalyzersAsync(CancellationToken cancellationToken) => RunAnalyzersAsync(Compilation, cancellationToken);

    /// <summary>Both analyzers over <paramref name="compilation"/> with this workload's AdditionalFiles (the same instances every time, as in the IDE).</summary>
    public Task<ImmutableArray<Diagnostic>> RunAnalyzersAsync(Compilation compilation, CancellationToken cancellationToken) =>
        RunAnalyzersAsync(compilation, _texts, AnalyzersOf(), cancellationToken);

    /// <summary><paramref name="analyzers"/> (e.g. from a fresh load, <see cref="IsolatedAnalyzers"/>) over <paramref name="compilation"/> and <paramref name="texts"/>.</summary>
    public async Task<ImmutableArray<Diagnostic>> RunAnalyzersAsync(
        Compilation compilation, ImmutableArray<AdditionalText> texts, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken)
    {
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new AnalyzerOptions(texts, _options));
        return await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The SmartSync analyzers of this process's own load: their parse cache lives as long as the process.</summary>
    private static ImmutableArray<DiagnosticAnalyzer> AnalyzersOf() =>
        ImmutableArray.Create<DiagnosticAnalyzer>(new SmartSyncDefinitionAnalyzer(), new ProfileNameUsageAnalyzer());

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The running framework's assemblies plus the SmartSync runtime: what a net10.0 app compiles against.
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll");
        return platform
            .Append(typeof(SmartSyncClient).Assembly.Location)
            .Append(typeof(Definitions.Semantics.ProfileSpec).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
