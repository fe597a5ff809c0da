using SmartSync.Definitions.Text;

namespace SmartSync.Definitions.Syntax;

/// <summary>A <c>&lt;Trigger&gt;</c> element with its values parsed.</summary>
internal sealed class TriggerSyntax
{
    public SourceRange ElementRange { get; init; }

    public AttributeSyntax? Launch { get; init; }

    /// <summary>The action; null when missing or invalid (an error was reported).</summary>
    public TriggerAction? Action { get; init; }

    public AttributeSyntax? ActionAttribute { get; init; }

    public int DelaySeconds { get; init; }

    public AttributeSyntax? DelayAttribute { get; init; }

    public AttributeSyntax? Entity { get; init; }

    public bool HasErrors { get; init; }
}
