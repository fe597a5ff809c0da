using System;

namespace SmartSync.Definitions.Files;

/// <summary>
/// Which files SmartSync reads (docs/smartsync-xml.md), decided in one place for the generator and the analyzers:
/// the item metadata <c>SmartSyncKind</c> wins (<c>Profiles</c>, <c>DataModel</c>; any other value opts
/// the file out); otherwise the name decides: <c>SmartSync.xml</c>, <c>*.smartsync.xml</c>, <c>*.csdl</c>.
/// </summary>
internal static class DefinitionFiles
{
    /// <summary>The analyzer-config key under which the compiler exposes the <c>SmartSyncKind</c> item metadata.</summary>
    public const string KindMetadataKey = "build_metadata.AdditionalFiles.SmartSyncKind";

    public static DefinitionFileKind Classify(string path, string? kindMetadata)
    {
        var metadata = kindMetadata?.Trim();
        if (!string.IsNullOrEmpty(metadata))
        {
            if (string.Equals(metadata, "Profiles", StringComparison.OrdinalIgnoreCase))
            {
                return DefinitionFileKind.Profiles;
            }

            return string.Equals(metadata, "DataModel", StringComparison.OrdinalIgnoreCase)
                ? DefinitionFileKind.DataModel
                : DefinitionFileKind.None;
        }

        var name = FileName(path);
        if (string.Equals(name, "SmartSync.xml", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".smartsync.xml", StringComparison.OrdinalIgnoreCase))
        {
            return DefinitionFileKind.Profiles;
        }

        return name.EndsWith(".csdl", StringComparison.OrdinalIgnoreCase) ? DefinitionFileKind.DataModel : DefinitionFileKind.None;
    }

    /// <summary>
    /// The part after the last '/' or '\'. Not <c>Path.GetFileName</c>: on .NET Framework hosts
    /// (Visual Studio) it throws on characters a path may still contain.
    /// </summary>
    public static string FileName(string path) => path.Substring(Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\')) + 1);
}
