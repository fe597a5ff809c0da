namespace SmartSync.Definitions.Diagnostics;

/// <summary>Severity of a definition diagnostic; maps one to one onto Roslyn's severities.</summary>
public enum DefinitionSeverity
{
    Info = 1,
    Warning = 2,
    Error = 3,
}
