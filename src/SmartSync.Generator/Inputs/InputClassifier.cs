using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SmartSync.Generator.Inputs;

/// <summary>
/// Decides which AdditionalFiles the generator reads (SPEC §2, §6): item metadata
/// <c>SmartSyncKind</c> wins; otherwise the file name decides (<c>SmartSync.xml</c>,
/// <c>*.smartsync.xml</c>, <c>*.csdl</c>).
/// </summary>
internal static class InputClassifier
{
    /// <summary>The analyzer-config key MSBuild writes for the <c>SmartSyncKind</c> item metadata.</summary>
    public const string KindMetadataKey = "build_metadata.AdditionalFiles.SmartSyncKind";

    public static InputFile? Classify(AdditionalText file, AnalyzerConfigOptions options, CancellationToken cancellationToken)
    {
        var kind = KindOf(file.Path, options.TryGetValue(KindMetadataKey, out var metadata) ? metadata : null);
        if (kind is null)
        {
            return null;
        }

        // An unreadable file yields no text; it is skipped (the analyzers report what they can).
        var text = file.GetText(cancellationToken);
        return text is null ? null : new InputFile(kind.Value, file.Path, text.ToString());
    }

    public static InputFileKind? KindOf(string path, string? kindMetadata)
    {
        var metadata = kindMetadata?.Trim();
        if (!string.IsNullOrEmpty(metadata))
        {
            if (string.Equals(metadata, "Profiles", StringComparison.OrdinalIgnoreCase))
            {
                return InputFileKind.Profiles;
            }

            if (string.Equals(metadata, "DataModel", StringComparison.OrdinalIgnoreCase))
            {
                return InputFileKind.DataModel;
            }

            // Any other explicit value (e.g. "None") opts the file out.
            return null;
        }

        var fileName = FilePath.FileName(path);
        if (string.Equals(fileName, "SmartSync.xml", StringComparison.OrdinalIgnoreCase)
            || fileName.EndsWith(".smartsync.xml", StringComparison.OrdinalIgnoreCase))
        {
            return InputFileKind.Profiles;
        }

        return fileName.EndsWith(".csdl", StringComparison.OrdinalIgnoreCase) ? InputFileKind.DataModel : null;
    }
}
