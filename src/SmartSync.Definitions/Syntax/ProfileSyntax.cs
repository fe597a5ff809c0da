using System.Collections.Generic;
using SmartSync.Definitions.Text;

namespace SmartSync.Definitions.Syntax;

/// <summary>A <c>&lt;SmartSync&gt;</c> element with its values parsed (defaults applied where absent or invalid).</summary>
internal sealed class ProfileSyntax
{
    public SourceRange ElementRange { get; init; }

    public AttributeSyntax? Name { get; init; }

    public SyncAction Action { get; init; }

    public AttributeSyntax? ActionAttribute { get; init; }

    public SyncMethod Method { get; init; }

    public AttributeSyntax? MethodAttribute { get; init; }

    public bool UseGlobalExclusions { get; init; } = true;

    public bool UseAutoExclusions { get; init; } = true;

    public SyncModules ExcludedModules { get; init; }

    public AttributeSyntax? ExcludedModulesAttribute { get; init; }

    public IReadOnlyList<ModuleTokenSyntax> ModuleTokens { get; init; } = [];

    public string? Description { get; init; }

    public EntitiesMode Mode { get; init; }

    /// <summary>The <c>&lt;Entities&gt;</c> element's name, or the profile's when it has none.</summary>
    public SourceRange EntitiesRange { get; init; }

    public IReadOnlyList<EntitySyntax> Entities { get; init; } = [];

    /// <summary>Whether the parser already reported an error inside this profile.</summary>
    public bool HasErrors { get; init; }
}
