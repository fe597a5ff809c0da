using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SmartSync.Definitions.Files;

namespace SmartSync.Generator.Inputs;

/// <summary>Reads the AdditionalFiles that <see cref="DefinitionFiles"/> says are SmartSync inputs.</summary>
internal static class InputClassifier
{
    public static InputFile? Classify(AdditionalText file, AnalyzerConfigOptions options, CancellationToken cancellationToken)
    {
        var kind = DefinitionFiles.Classify(file.Path, options.TryGetValue(DefinitionFiles.KindMetadataKey, out var metadata) ? metadata : null);
        if (kind == DefinitionFileKind.None)
        {
            return null;
        }

        // An unreadable file yields no text; it is skipped (the analyzers report what they can).
        var text = file.GetText(cancellationToken);
        return text is null ? null : new InputFile(kind, file.Path, text.ToString());
    }
}
