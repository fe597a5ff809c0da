using SmartSync.Definitions.Text;

namespace SmartSync.Definitions.Syntax;

/// <summary>One flag of an <c>ExcludedModules</c> list, located at its own token.</summary>
internal sealed record ModuleTokenSyntax(SyncModules Module, string Text, SourceRange Range);
