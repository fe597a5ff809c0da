using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using SmartSync.Benchmarks.Tooling;

namespace SmartSync.Benchmarks.Micro;

/// <summary>
/// BenchmarkDotNet view of scenario 6: steady-state cost (JIT done) and allocations of a generator run with nothing
/// cached, a rerun after an unrelated edit, and the analyzers' full pass.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ToolingBenchmarks
{
    private ToolingWorkload _workload = null!;
    private GeneratorDriver _ran = null!;
    private Microsoft.CodeAnalysis.CSharp.CSharpCompilation _edited = null!;

    [Params(1000)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _workload = new ToolingWorkload(Size, Size);
        (_ran, _, _) = _workload.RunGeneratorCold();
        _edited = _workload.EditedCompilation(1);
    }

    [Benchmark(Description = "Generator, nothing cached")]
    public int GeneratorCold() => _workload.RunGeneratorCold().GeneratedFiles;

    [Benchmark(Description = "Generator rerun after unrelated C# edit")]
    public int GeneratorAfterEdit() => ToolingWorkload.ReemittedOutputs(_ran.RunGenerators(_edited));

    [Benchmark(Description = "Analyzers, full pass")]
    public Task<ImmutableArray<Diagnostic>> Analyzers() => _workload.RunAnalyzersAsync(CancellationToken.None);
}
