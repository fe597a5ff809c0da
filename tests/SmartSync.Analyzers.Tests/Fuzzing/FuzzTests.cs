using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SmartSync.Tests.Shared;
using SmartSync.Analyzers.Tests.Infrastructure;
using SmartSync.Analyzers.Tests.Xml;
using SmartSync.Analyzers.Usage;
using SmartSync.Analyzers.Xml;
using SmartSync.Definitions;
using SmartSync.Definitions.Parsing;
using SmartSync.Generator;
using Xunit;
using Xunit.Abstractions;

namespace SmartSync.Analyzers.Tests.Fuzzing;

/// <summary>
/// Mutates valid SmartSync.xml and CSDL documents thousands of times and runs the shared reader, the
/// analyzers (through <see cref="CompilationWithAnalyzers"/> on a real compilation) and the source
/// generator over each: no exception may escape and no analyzer may fail (AD0001).
/// <c>SMARTSYNC_FUZZ_ITERATIONS</c> sets the count (default 2,000); <c>SMARTSYNC_FUZZ_SEED</c> replays a run.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int DefaultIterations = 2_000;
    /// <summary>Every n-th iteration also runs the C# (SS0050) analysis, which binds the compilation.</summary>
    private const int FullAnalysisEvery = 8;

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
        [new SmartSyncDefinitionAnalyzer(), new ProfileNameUsageAnalyzer()];

    [Fact]
    public async Task Mutated_documents_never_crash_the_reader_the_analyzers_or_the_generator()
    {
        var iterations = ReadInt("SMARTSYNC_FUZZ_ITERATIONS") ?? DefaultIterations;
        var seed = ReadInt("SMARTSYNC_FUZZ_SEED") ?? Environment.TickCount;
        output.WriteLine($"fuzz seed {seed} ({iterations} iterations); replay with SMARTSYNC_FUZZ_SEED={seed}");

        var random = new Random(seed);
        var mutator = new DocumentMutator(random);
        var baseCompilation = CreateBaseCompilation();
        var xmlSeeds = new[] { TestFiles.DemoXml }
            .Concat(DefinitionDiagnosticCases.Negative.Select(row => (string)row[1]))
            .ToArray();
        var failures = new List<string>();

        for (var i = 0; i < iterations && failures.Count < 5; i++)
        {
            var xml = xmlSeeds[random.Next(xmlSeeds.Length)];
            var csdl = TestFiles.DemoCsdl;
            string what;
            switch (random.Next(4))
            {
                case 0:
                    (csdl, what) = mutator.Mutate(csdl);
                    what = "csdl: " + what;
                    break;
                case 1:
                    string xmlWhat, csdlWhat;
                    (xml, xmlWhat) = mutator.Mutate(xml);
                    (csdl, csdlWhat) = mutator.Mutate(csdl);
                    what = "xml: " + xmlWhat + "; csdl: " + csdlWhat;
                    break;
                default:
                    (xml, what) = mutator.Mutate(xml);
                    what = "xml: " + what;
                    break;
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var problem = await RunOnceAsync(baseCompilation, xml, csdl, fullAnalysis: i % FullAnalysisEvery == 0);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (elapsed > TimeSpan.FromSeconds(1))
            {
                output.WriteLine($"iteration {i} took {elapsed.TotalMilliseconds:F0} ms ({what})");
            }

            if (problem is not null)
            {
                failures.Add($"iteration {i} ({what}): {problem}");
            }
        }

        Assert.True(failures.Count == 0, $"seed {seed}:\n" + string.Join("\n", failures));
    }

    private static async Task<string?> RunOnceAsync(CSharpCompilation compilation, string xml, string csdl, bool fullAnalysis)
    {
        // 1. The shared reader itself: the analyzers guard against its exceptions, so check it bare.
        try
        {
            var dataModel = CsdlParser.Parse(csdl, TestFiles.CsdlPath);
            var set = DefinitionReader.Read(xml, TestFiles.XmlPath, dataModel);
            foreach (var diagnostic in set.Diagnostics.Concat(dataModel.Diagnostics))
            {
                _ = diagnostic.ToString(); // formats the message: wrong argument counts throw here
            }
        }
        catch (Exception ex)
        {
            return "reader threw " + ex;
        }

        var additionalFiles = ImmutableArray.Create<AdditionalText>(
            new InMemoryAdditionalText(TestFiles.XmlPath, xml),
            new InMemoryAdditionalText(TestFiles.CsdlPath, csdl));

        // 2. The analyzers, reporting any exception they let escape instead of turning it into AD0001 silently.
        var analyzerExceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additionalFiles),
            onAnalyzerException: (ex, analyzer, _) => { lock (analyzerExceptions) { analyzerExceptions.Add(analyzer.GetType().Name + ": " + ex); } },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = compilation.WithAnalyzers(Analyzers, options);
        ImmutableArray<Diagnostic> diagnostics;
        if (fullAnalysis)
        {
            diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        }
        else
        {
            // Only the additional-file actions (what an IDE runs when the XML is edited); cheaper than binding C#.
            var builder = ImmutableArray.CreateBuilder<Diagnostic>();
            foreach (var file in additionalFiles)
            {
                var fileResult = await withAnalyzers.GetAnalysisResultAsync(file, CancellationToken.None);
                builder.AddRange(fileResult.GetAllDiagnostics());
            }

            diagnostics = builder.ToImmutable();
        }

        if (analyzerExceptions.Count > 0)
        {
            return "analyzer threw " + analyzerExceptions[0];
        }

        var ad0001 = diagnostics.FirstOrDefault(d => d.Id == "AD0001");
        if (ad0001 is not null)
        {
            return ad0001.ToString();
        }

        // 3. The generator.
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new SmartSyncGenerator().AsSourceGenerator()],
            additionalFiles,
            (CSharpParseOptions)compilation.SyntaxTrees[0].Options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out var generatorDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
        {
            return "generator threw " + result.Exception;
        }

        var crash = generatorDiagnostics.FirstOrDefault(d => d.Id is "CS8784" or "CS8785");
        return crash?.ToString();
    }

    private static CSharpCompilation CreateBaseCompilation()
    {
        // A by-name call so the SS0050 analyzer does real work on every iteration.
        const string code = """
            using System.Threading.Tasks;
            using SmartSync;

            internal static class App
            {
                public static Task<SyncResult> Run(SmartSyncClient client) => client.RunAsync("GetTasks");
                public static SmartSyncProfile? Find() => SmartSyncCatalog.Compiled.Find("GetTask");
            }
            """;
        return CSharpCompilation.Create(
            "FuzzProject",
            [CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest), path: "App.cs")],
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static int? ReadInt(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
