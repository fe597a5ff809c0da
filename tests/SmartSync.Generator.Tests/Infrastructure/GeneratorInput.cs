using System.Collections.Generic;

namespace SmartSync.Generator.Tests.Infrastructure;

/// <summary>An AdditionalFile for a test run, with its optional <c>SmartSyncKind</c> item metadata.</summary>
internal sealed record GeneratorInput(string Path, string Text, string? SmartSyncKind = null)
{
    public static GeneratorInput Profiles(string text, string path = "/project/SmartSync.xml") => new(path, text);

    public static GeneratorInput DataModel(string text, string path = "/project/crm.csdl") => new(path, text);

    public IReadOnlyDictionary<string, string> Metadata =>
        SmartSyncKind is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["build_metadata.AdditionalFiles.SmartSyncKind"] = SmartSyncKind };
}
