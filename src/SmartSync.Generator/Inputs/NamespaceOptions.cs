using Microsoft.CodeAnalysis.Diagnostics;

namespace SmartSync.Generator.Inputs;

/// <summary>The MSBuild properties that choose the generated code's namespace.</summary>
internal sealed record NamespaceOptions(string? SmartSyncNamespace, string? RootNamespace)
{
    public const string SmartSyncNamespaceKey = "build_property.SmartSyncNamespace";
    public const string RootNamespaceKey = "build_property.RootNamespace";

    public static NamespaceOptions From(AnalyzerConfigOptions globalOptions) => new(
        globalOptions.TryGetValue(SmartSyncNamespaceKey, out var smartSync) ? smartSync : null,
        globalOptions.TryGetValue(RootNamespaceKey, out var root) ? root : null);
}
