using System.Collections.Generic;
using SmartSync.Definitions.Text;

namespace SmartSync.Definitions.Syntax;

/// <summary>SmartSync.xml as parsed: every element with its location, before semantic validation.</summary>
internal sealed class SmartSyncDocumentSyntax
{
    public string FilePath { get; init; } = string.Empty;

    /// <summary>The root element's name range (the start of the file when the XML did not load).</summary>
    public SourceRange RootRange { get; init; }

    /// <summary>False when the XML was malformed or the root was wrong: nothing else was read.</summary>
    public bool IsLoaded { get; init; }

    public IReadOnlyList<ProfileSyntax> Profiles { get; init; } = [];

    public IReadOnlyList<TriggerSyntax> Triggers { get; init; } = [];

    /// <summary>The explicit <c>&lt;GlobalExclusions&gt;</c> list, or null when the file has none.</summary>
    public IReadOnlyList<EntitySyntax>? GlobalExclusions { get; init; }

    /// <summary>The <c>&lt;AppEntities&gt;</c> list (the app's tables), or null when the file has none.</summary>
    public IReadOnlyList<EntitySyntax>? AppEntities { get; init; }
}
