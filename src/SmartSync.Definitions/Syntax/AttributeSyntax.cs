using SmartSync.Definitions.Text;

namespace SmartSync.Definitions.Syntax;

/// <summary>An attribute as written in SmartSync.xml, with where its name and value are.</summary>
internal sealed record AttributeSyntax(string Name, string Value, SourceRange NameRange, SourceRange ValueRange);
