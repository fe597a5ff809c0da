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
    public async Task A_global_config_raises_an_XML_warning_to_an_error()
    {
        // Diagnostics in AdditionalFiles have no syntax tree, so the compiler applies only global
        // (is_global) configuration to them, not the [*.cs] sections of an .editorconfig.
        var test = DefinitionAnalyzerTest.Create(ShortPeriod, TestFiles.DemoCsdl, new DiagnosticResult("SS0031", DiagnosticSeverity.Error).WithLocation(0));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.SS0031.severity = error\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_global_config_can_silence_an_XML_diagnostic()
    {
        var test = DefinitionAnalyzerTest.Create(ShortPeriod.Replace("{|#0:10|}", "10"), TestFiles.DemoCsdl);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.SS0031.severity = none\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Without_configuration_the_default_severity_applies() =>
        await DefinitionAnalyzerTest.Create(ShortPeriod, TestFiles.DemoCsdl, new DiagnosticResult("SS0031", DiagnosticSeverity.Warning).WithLocation(0)).RunAsync();

    [Fact]
    public async Task An_editorconfig_raises_SS0050_in_CSharp_to_an_error()
    {
        var test = new UsageCodeFixTest
        {
            UnchangedCode = """
                using SmartSync;

                namespace TestProject;

                internal static class App
                {
                    public static SmartSyncProfile? Lookup() => SmartSyncCatalog.Current.Find({|#0:"GetTask"|});
                }
                """,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.SS0050.severity = error\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("SS0050", DiagnosticSeverity.Error).WithLocation(0)
            .WithMessage("No profile named 'GetTask' is defined in SmartSync.xml; did you mean 'GetTasks'?"));
        await test.RunAsync();
    }
}
