using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SmartSync.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SmartSync.Analyzers.Tests.Xml;

/// <summary>Severities come from the descriptors, so the usual analyzer configuration files change them.</summary>
public sealed class SeverityConfigurationTests
{
    private static readonly string ShortPeriod = DefinitionDiagnosticCases.Setup(
        """<SmartSync Name="GetTasks" SyncAction="DownSync"><Entities><Entity Name="task" /></Entities></SmartSync><Trigger Launch="GetTasks" Action="PeriodicSync" Delay="{|#0:10|}" />""");

    [Fact]
    public async Task A_global_config_can_silence_an_XML_diagnostic()
    {
        // Diagnostics in AdditionalFiles have no syntax tree, so the compiler applies only global
        // (is_global) configuration to them, not the sections of an .editorconfig.
        var test = DefinitionAnalyzerTest.Create(ShortPeriod.Replace("{|#0:10|}", "10"), TestFiles.DemoCsdl);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.SS0031.severity = none\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Without_configuration_the_default_severity_applies() =>
        await DefinitionAnalyzerTest.Create(ShortPeriod, TestFiles.DemoCsdl, new DiagnosticResult("SS0031", DiagnosticSeverity.Warning).WithLocation(0)).RunAsync();
}
