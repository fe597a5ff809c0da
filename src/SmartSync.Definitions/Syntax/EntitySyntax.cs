using SmartSync.Definitions.Text;

namespace SmartSync.Definitions.Syntax;

/// <summary>An <c>&lt;Entity&gt;</c> element of a profile or of <c>&lt;GlobalExclusions&gt;</c>.</summary>
internal sealed class EntitySyntax
{
    public SourceRange ElementRange { get; init; }

    /// <summary>The Name attribute; null when missing (SS0004 was reported).</summary>
    public AttributeSyntax? Name { get; init; }

    public bool WithRelated { get; init; }

    public AttributeSyntax? WithRelatedAttribute { get; init; }

    public bool Deep { get; init; }

    public AttributeSyntax? DeepAttribute { get; init; }

    /// <summary>Whether the parser already reported an error for this element.</summary>
    public bool HasErrors { get; init; }
}
