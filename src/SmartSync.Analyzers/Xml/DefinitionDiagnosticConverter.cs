using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SmartSync.Definitions.Diagnostics;

namespace SmartSync.Analyzers.Xml;

/// <summary>Turns a <see cref="DefinitionDiagnostic"/> into a Roslyn diagnostic located in its XML file.</summary>
internal static class DefinitionDiagnosticConverter
{
    public static Diagnostic ToRoslyn(DefinitionDiagnostic diagnostic)
    {
        var range = diagnostic.Range;
        var location = Location.Create(
            diagnostic.FilePath,
            new TextSpan(range.Start, range.Length),
            new LinePositionSpan(new LinePosition(range.StartLine, range.StartColumn), new LinePosition(range.EndLine, range.EndColumn)));
        var arguments = new object[diagnostic.Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = diagnostic.Arguments[i];
        }

        return Diagnostic.Create(DiagnosticDescriptors.For(diagnostic.Rule), location, arguments);
    }
}
