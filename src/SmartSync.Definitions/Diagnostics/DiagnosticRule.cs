using System.Globalization;

namespace SmartSync.Definitions.Diagnostics;

/// <summary>The fixed identity of one diagnostic: ID, title, message format and default severity.</summary>
public sealed record DiagnosticRule(string Id, string Title, string MessageFormat, DefinitionSeverity DefaultSeverity, string Category)
{
    /// <summary>Where the documentation page of this rule lives.</summary>
    public string HelpLink => "https://github.com/smartsync-dotnet/smartsync/blob/main/docs/diagnostics/" + Id + ".md";

    public string Format(params object[] args) => string.Format(CultureInfo.InvariantCulture, MessageFormat, args);
}
