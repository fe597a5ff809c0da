using System.Collections.Generic;
using SmartSync.Generator.Emit;
using SmartSync.Generator.Inputs;
using SmartSync.Generator.Naming;
using SmartSync.Generator.Tests.Infrastructure;
using Xunit;

namespace SmartSync.Generator.Tests;

/// <summary>The generated namespace: SmartSyncNamespace, else RootNamespace, else the assembly name.</summary>
public sealed class NamespaceTests
{
    [Fact]
    public void SmartSyncNamespace_wins_over_RootNamespace()
    {
        var outcome = Run(new Dictionary<string, string>
        {
            ["build_property.SmartSyncNamespace"] = "Contoso.Sync",
            ["build_property.RootNamespace"] = "Contoso.App",
        });

        Assert.NotNull(outcome.Output.GetTypeByMetadataName("Contoso.Sync.Profiles"));
        Assert.NotNull(outcome.Output.GetTypeByMetadataName("Contoso.Sync.GetTasksProfile"));
        Assert.NotNull(outcome.Output.GetTypeByMetadataName("Contoso.Sync.EntityNames"));
        Assert.Null(outcome.Output.GetTypeByMetadataName("Contoso.App.Profiles"));
        Assert.Empty(outcome.CompilationProblems);
    }

    [Fact]
    public void RootNamespace_is_used_when_SmartSyncNamespace_is_empty()
    {
        var outcome = Run(new Dictionary<string, string>
        {
            ["build_property.SmartSyncNamespace"] = "",
            ["build_property.RootNamespace"] = "Contoso.App",
        });

        Assert.NotNull(outcome.Output.GetTypeByMetadataName("Contoso.App.Profiles"));
    }

    [Fact]
    public void The_assembly_name_is_the_fallback_and_is_sanitised()
    {
        var outcome = Run(new Dictionary<string, string>(), assemblyName: "my-app.2nd.class");

        Assert.NotNull(outcome.Output.GetTypeByMetadataName("my_app._2nd.class.Profiles"));
        Assert.Contains("namespace my_app._2nd.@class", outcome.Sources[ProfilesEmitter.HintName], System.StringComparison.Ordinal);
        Assert.Empty(outcome.CompilationProblems);
    }

    [Theory]
    [InlineData("global")]
    [InlineData("Contoso.global.var")]
    [InlineData("Contoso.Profiles")]
    [InlineData("SmartSync")]
    public void Awkward_namespaces_compile(string @namespace)
    {
        var outcome = Run(new Dictionary<string, string> { ["build_property.SmartSyncNamespace"] = @namespace });

        Assert.Empty(outcome.CompilationProblems);
        Assert.NotNull(outcome.Output.GetTypeByMetadataName(@namespace + ".Profiles"));
    }

    [Theory]
    [InlineData("Contoso", null, "Contoso")]
    [InlineData(" Contoso . Sync ", null, "Contoso.Sync")]
    [InlineData("..", "Root", "Root")]
    [InlineData(null, null, "Assembly")]
    [InlineData("My App", null, "My_App")]
    public void Choose_sanitises_and_falls_back(string? smartSync, string? root, string expected) =>
        Assert.Equal(expected, NamespaceName.Choose(new NamespaceOptions(smartSync, root), "Assembly"));

    [Fact]
    public void Choose_has_a_last_resort() =>
        Assert.Equal(NamespaceName.Fallback, NamespaceName.Choose(new NamespaceOptions(null, " "), null));

    private static GeneratorRunOutcome Run(Dictionary<string, string> globalOptions, string assemblyName = "Demo.App") =>
        GeneratorHarness.Create(GeneratorCases.Inputs("Sample"), globalOptions, assemblyName).Run();
}
