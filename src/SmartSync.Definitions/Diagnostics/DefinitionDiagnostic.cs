using System;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Text;

namespace SmartSync.Definitions.Diagnostics;

/// <summary>
/// A problem found in SmartSync.xml or the data model, independent of Roslyn so the runtime's
/// override loader reports exactly what the analyzers report.
/// </summary>
/// <param name="Rule">The rule (ID, format, default severity).</param>
/// <param name="Arguments">The message arguments, already formatted as strings.</param>
/// <param name="FilePath">The file the range points into.</param>
/// <param name="Range">The offending element name or attribute value.</param>
public sealed record DefinitionDiagnostic(DiagnosticRule Rule, EquatableArray<string> Arguments, string FilePath, SourceRange Range)
{
    public string Id => Rule.Id;

    public DefinitionSeverity Severity => Rule.DefaultSeverity;

    public bool IsError => Severity == DefinitionSeverity.Error;

    public string Message => Rule.Format(ToObjects(Arguments));

    internal static DefinitionDiagnostic Create(DiagnosticRule rule, string filePath, SourceRange range, params string[] arguments) =>
        new(rule, new EquatableArray<string>(arguments), filePath, range);

    /// <summary>Compiler-style text: <c>file(line,col): error SS0010: message</c>.</summary>
    public override string ToString()
    {
        var severity = Severity switch
        {
            DefinitionSeverity.Error => "error",
            DefinitionSeverity.Warning => "warning",
            _ => "info",
        };
        return FormattableString.Invariant($"{FilePath}{Range}: {severity} {Id}: {Message}");
    }

    private static object[] ToObjects(EquatableArray<string> arguments)
    {
        var result = new object[arguments.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = arguments[i];
        }

        return result;
    }
}
