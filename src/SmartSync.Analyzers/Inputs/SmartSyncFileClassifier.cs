using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SmartSync.Definitions.Files;

namespace SmartSync.Analyzers.Inputs;

/// <summary>
/// Reads an AdditionalFile's <c>SmartSyncKind</c> item metadata and lets the shared
/// <see cref="DefinitionFiles"/> decide what the file is, so the analyzers see exactly the files the generator sees.
/// </summary>
internal static class SmartSyncFileClassifier
{
    public static DefinitionFileKind Classify(AdditionalText file, AnalyzerConfigOptionsProvider options) =>
        DefinitionFiles.Classify(
            file.Path,
            options.GetOptions(file).TryGetValue(DefinitionFiles.KindMetadataKey, out var kind) ? kind : null);
}
