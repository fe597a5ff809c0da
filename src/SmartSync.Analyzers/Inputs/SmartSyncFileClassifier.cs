using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SmartSync.Analyzers.Inputs;

/// <summary>
/// Recognises SmartSync's AdditionalFiles (SPEC §6): <c>SmartSync.xml</c> or <c>*.smartsync.xml</c> for
/// profiles, <c>*.csdl</c> for the data model, or any file whose item metadata says
/// <c>SmartSyncKind="Profiles"</c> / <c>SmartSyncKind="DataModel"</c> (metadata wins over the name).
/// </summary>
internal static class SmartSyncFileClassifier
{
    /// <summary>The key under which the compiler exposes the <c>SmartSyncKind</c> item metadata.</summary>
    public const string KindMetadataKey = "build_metadata.AdditionalFiles.SmartSyncKind";

    public static SmartSyncFileKind Classify(AdditionalText file, AnalyzerConfigOptionsProvider options)
    {
        if (options.GetOptions(file).TryGetValue(KindMetadataKey, out var kind) && !string.IsNullOrWhiteSpace(kind))
        {
            if (string.Equals(kind.Trim(), "Profiles", StringComparison.OrdinalIgnoreCase))
            {
                return SmartSyncFileKind.Profiles;
            }

            if (string.Equals(kind.Trim(), "DataModel", StringComparison.OrdinalIgnoreCase))
            {
                return SmartSyncFileKind.DataModel;
            }
        }

        return ClassifyByName(file.Path);
    }

    public static SmartSyncFileKind ClassifyByName(string path)
    {
        // Not Path.GetFileName: on .NET Framework hosts it throws on characters a path may still contain.
        var name = path.Substring(Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\')) + 1);
        if (string.Equals(name, "SmartSync.xml", StringComparison.OrdinalIgnoreCase) ||
            name.EndsWith(".smartsync.xml", StringComparison.OrdinalIgnoreCase))
        {
            return SmartSyncFileKind.Profiles;
        }

        return name.EndsWith(".csdl", StringComparison.OrdinalIgnoreCase) ? SmartSyncFileKind.DataModel : SmartSyncFileKind.None;
    }
}
