using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SmartSync.Analyzers.Inputs;
using SmartSync.Definitions.Diagnostics;
using SmartSync.Definitions.Files;

namespace SmartSync.Analyzers.Xml;

/// <summary>
/// Reports the problems of SmartSync.xml (SS0001–SS0033, SS0041) and of the CSDL data model (SS0040)
/// inside those files, so the build prints <c>SmartSync.xml(12,21): error SS0010: …</c> and IDEs
/// squiggle the offending name or value. All checking is done by the shared
/// <see cref="Definitions.DefinitionReader"/>; this class only finds the files and relocates the results.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SmartSyncDefinitionAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.Definitions;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var inputs = SmartSyncInputs.Create(start.Options);
            if (!inputs.IsEmpty)
            {
                start.RegisterAdditionalFileAction(file => AnalyzeFile(file, inputs));
            }
        });
    }

    // The readings come from the content-keyed ParseCache, so the same list object returns on every C# edit: its
    // Roslyn diagnostics (immutable) are built once and live exactly as long as the cached reading.
    private static readonly ConditionalWeakTable<IReadOnlyList<DefinitionDiagnostic>, Diagnostic[]> RoslynDiagnostics = new();

    private static Diagnostic[] Converted(IReadOnlyList<DefinitionDiagnostic> diagnostics) =>
        RoslynDiagnostics.GetValue(diagnostics, static list =>
        {
            var converted = new Diagnostic[list.Count];
            for (var i = 0; i < converted.Length; i++)
            {
                converted[i] = DefinitionDiagnosticConverter.ToRoslyn(list[i]);
            }

            return converted;
        });

    private static void AnalyzeFile(AdditionalFileAnalysisContext context, SmartSyncInputs inputs)
    {
        IReadOnlyList<DefinitionDiagnostic>? diagnostics = inputs.KindOf(context.AdditionalFile) switch
        {
            DefinitionFileKind.Profiles => inputs.DefinitionsOf(context.AdditionalFile)?.Diagnostics,
            DefinitionFileKind.DataModel => inputs.DataModelOf(context.AdditionalFile)?.Diagnostics,
            _ => null,
        };

        if (diagnostics is null)
        {
            return;
        }

        foreach (var diagnostic in Converted(diagnostics))
        {
            context.CancellationToken.ThrowIfCancellationRequested();

            // Every diagnostic of a file's reading points into that file; anything else is not ours to place here.
            if (string.Equals(diagnostic.Location.GetLineSpan().Path, context.AdditionalFile.Path, StringComparison.Ordinal))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }
}
