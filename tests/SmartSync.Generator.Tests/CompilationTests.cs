using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using SmartSync.Generator.Emit;
using SmartSync.Generator.Tests.Infrastructure;
using Xunit;

namespace SmartSync.Generator.Tests;

/// <summary>Generated code compiles cleanly against the real runtime, and bad input never breaks the build.</summary>
public sealed class CompilationTests
{
    public static TheoryData<string> Cases => GeneratorCases.All();

    private const string UsesGeneratedApi = """
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Demo.App
        {
            /// <summary>App code written against the generated API.</summary>
            public static class Usage
            {
                /// <summary>Runs a typed profile.</summary>
                public static Task<global::SmartSync.SyncResult> Run(CancellationToken ct) => Profiles.GetTasks.RunAsync(ct);

                /// <summary>A typed entity name.</summary>
                public static string TaskEntity => EntityNames.Task;

                /// <summary>The generated lists.</summary>
                public static int Count => Profiles.All.Count + Profiles.Triggers.Count + Profiles.GlobalExclusions.Count;

                /// <summary>The build-time entity set.</summary>
                public static bool TaskIsCompiledIn => Profiles.GetTasks.CompiledEntities.Entities.Contains(EntityNames.Task);
            }
        }
        """;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_code_compiles_with_no_warnings_or_errors(string caseName)
    {
        var outcome = GeneratorHarness.Create(GeneratorCases.Inputs(caseName)).Run();

        Assert.Null(outcome.Result.Exception);
        Assert.Empty(outcome.CompilationProblems);
    }

    [Fact]
    public void The_sample_is_usable_from_app_code_with_zero_diagnostics()
    {
        var outcome = GeneratorHarness.Create(GeneratorCases.Inputs("Sample"), sources: UsesGeneratedApi).Run();

        Assert.Equal([EntityNamesEmitter.HintName, ProfilesEmitter.HintName, RecordTypesEmitter.HintName], outcome.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(outcome.CompilationProblems);
        Assert.True(outcome.Output.Emit(System.IO.Stream.Null).Success);
    }

    [Fact]
    public void A_data_model_alone_yields_entity_names_but_no_profiles()
    {
        var outcome = GeneratorHarness.Create([GeneratorInput.DataModel(TestFiles.SampleDataModel)]).Run();

        Assert.Equal([EntityNamesEmitter.HintName], outcome.Sources.Keys);
        Assert.Empty(outcome.CompilationProblems);
    }

    [Fact]
    public void No_inputs_yield_no_output()
    {
        var outcome = GeneratorHarness.Create([]).Run();

        Assert.Empty(outcome.Sources);
    }

    public static TheoryData<string, string> HostileProfiles => new()
    {
        { "not well-formed", "<SmartSyncSetup><SmartSync Name=\"A\"><Entities>" },
        { "empty", string.Empty },
        { "wrong root", "<Profiles><SmartSync Name=\"A\"/></Profiles>" },
        { "binary noise", "\0\u0001\u0002<\uFFFF>&&&" },
        { "DTD entity expansion", "<!DOCTYPE a [<!ENTITY x \"xxxxxxxxxx\"><!ENTITY y \"&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;\">]><SmartSyncSetup><SmartSync Name=\"A\"><Description>&y;</Description><Entities><Entity Name=\"task\"/></Entities></SmartSync></SmartSyncSetup>" },
        { "1 MB profile name", Profile(new string('N', 1024 * 1024), "task", "d") },
        { "1 MB entity name", Profile("A", new string('e', 1024 * 1024), "d") },
        { "1 MB description", Profile("A", "task", new string('d', 1024 * 1024)) },
        { "1 MB module list", "<SmartSyncSetup><SmartSync Name=\"A\" ExcludedModules=\"" + new string('x', 1024 * 1024) + "\"><Entities><Entity Name=\"task\"/></Entities></SmartSync></SmartSyncSetup>" },
        { "huge delay", "<SmartSyncSetup>" + Profile("A", "task", "d").Replace("<SmartSyncSetup>", string.Empty, StringComparison.Ordinal).Replace("</SmartSyncSetup>", string.Empty, StringComparison.Ordinal) + "<Trigger Launch=\"A\" Action=\"AppStart\" Delay=\"99999999999999999999\"/></SmartSyncSetup>" },
    };

    [Theory]
    [MemberData(nameof(HostileProfiles))]
    public void Hostile_SmartSync_xml_never_throws_and_what_is_generated_compiles(string label, string xml)
    {
        var outcome = GeneratorHarness.Create([GeneratorInput.Profiles(xml), GeneratorInput.DataModel(TestFiles.SampleDataModel)]).Run();

        Assert.True(outcome.Result.Exception is null, label);
        Assert.DoesNotContain(outcome.DriverDiagnostics, d => d.Id == "CS8785");
        Assert.Empty(outcome.CompilationProblems);
    }

    public static TheoryData<string, string> HostileDataModels => new()
    {
        { "not well-formed", "<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><Schema" },
        { "no schema", "<root/>" },
        { "empty", string.Empty },
        { "1 MB type name", "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices><Schema Namespace=\"N\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\"><EntityType Name=\"" + new string('t', 1024 * 1024) + "\"><Key><PropertyRef Name=\"id\"/></Key><Property Name=\"id\" Type=\"Edm.Guid\"/></EntityType></Schema></edmx:DataServices></edmx:Edmx>" },
        { "base type cycle", "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices><Schema Namespace=\"N\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\"><EntityType Name=\"a\" BaseType=\"N.b\"/><EntityType Name=\"b\" BaseType=\"N.a\"/></Schema></edmx:DataServices></edmx:Edmx>" },
    };

    [Theory]
    [MemberData(nameof(HostileDataModels))]
    public void Broken_CSDL_never_throws_and_profiles_are_still_generated(string label, string csdl)
    {
        var outcome = GeneratorHarness.Create([GeneratorInput.Profiles(TestFiles.SampleProfiles), GeneratorInput.DataModel(csdl)]).Run();

        Assert.True(outcome.Result.Exception is null, label);
        Assert.DoesNotContain(outcome.DriverDiagnostics, d => d.Id == "CS8785");
        Assert.Empty(outcome.CompilationProblems);
        Assert.Contains(ProfilesEmitter.HintName, outcome.Sources.Keys);
    }

    [Fact]
    public void Hostile_text_in_descriptions_is_escaped_in_literals_and_doc_comments()
    {
        var outcome = GeneratorHarness.Create(GeneratorCases.Inputs("Invalid")).Run();
        var profiles = outcome.Sources[ProfilesEmitter.HintName];
        var good = outcome.Output.GetTypeByMetadataName("Demo.App.GoodProfile");

        Assert.NotNull(good);
        var summary = System.Xml.Linq.XElement.Parse(good.GetDocumentationCommentXml()!).Element("summary")!.Value;
        Assert.Contains("a <description> with markup & \"quotes\", a backslash \\ and", summary, StringComparison.Ordinal);
        Assert.Contains("caf\\u00e9", profiles, StringComparison.Ordinal);
        Assert.All(profiles, c => Assert.True(c == '\n' || c >= ' ', "control character in generated code"));
        Assert.DoesNotContain(outcome.Output.GetDiagnostics(), d => d.Severity != DiagnosticSeverity.Hidden && d.Id.StartsWith("CS15", StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_names_that_echo_generated_or_runtime_names_still_compile()
    {
        // Class XProfile next to a profile named XProfile, and names shared with runtime and entity types.
        const string xml = """
            <SmartSyncSetup>
              <SmartSync Name="GetTasks"><Entities><Entity Name="task"/></Entities></SmartSync>
              <SmartSync Name="GetTasksProfile"><Entities><Entity Name="task"/></Entities></SmartSync>
              <SmartSync Name="EntityNames"><Entities><Entity Name="task"/></Entities></SmartSync>
              <SmartSync Name="Task"><Entities><Entity Name="task"/></Entities></SmartSync>
              <SmartSync Name="SmartSync"><Entities><Entity Name="task"/></Entities></SmartSync>
              <SmartSync Name="Profile"><Entities><Entity Name="task"/></Entities></SmartSync>
              <SmartSync Name="System"><Entities><Entity Name="task"/></Entities></SmartSync>
              <SmartSync Name="_"><Entities><Entity Name="task"/></Entities></SmartSync>
              <SmartSync Name="Tâches"><Entities><Entity Name="task"/></Entities></SmartSync>
              <SmartSync Name="var"><Entities><Entity Name="task"/></Entities></SmartSync>
              <SmartSync Name="global"><Entities><Entity Name="task"/></Entities></SmartSync>
              <SmartSync Name="nameof"><Entities><Entity Name="task"/></Entities></SmartSync>
              <SmartSync Name="await"><Entities><Entity Name="task"/></Entities></SmartSync>
              <SmartSync Name="value"><Entities><Entity Name="task"/></Entities></SmartSync>
              <SmartSync Name="field"><Entities><Entity Name="task"/></Entities></SmartSync>
              <SmartSync Name="record"><Entities><Entity Name="task"/></Entities></SmartSync>
              <Trigger Launch="Task" Action="AppStart" Delay="1"/>
            </SmartSyncSetup>
            """;
        var outcome = GeneratorHarness.Create([GeneratorInput.Profiles(xml), GeneratorInput.DataModel(TestFiles.SampleDataModel)]).Run();

        Assert.Empty(outcome.CompilationProblems);
        Assert.NotNull(outcome.Output.GetTypeByMetadataName("Demo.App.GetTasksProfileProfile"));
        Assert.NotNull(outcome.Output.GetTypeByMetadataName("Demo.App.SystemProfile"));
        Assert.Equal(16, outcome.Output.GetTypeByMetadataName("Demo.App.Profiles")!.GetMembers().Count(m => m.Kind == SymbolKind.Property) - 4); // All, Triggers, GlobalExclusions, Catalog
    }

    private static string Profile(string name, string entity, string description) =>
        $"<SmartSyncSetup><SmartSync Name=\"{name}\"><Description>{description}</Description><Entities><Entity Name=\"{entity}\"/></Entities></SmartSync></SmartSyncSetup>";
}
