using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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

        foreach (var diagnostic in diagnostics)
        {
            context.CancellationToken.ThrowIfCancellationRequested();

            // Every diagnostic of a file's reading points into that file; anything else is not ours to place here.
            if (string.Equals(diagnostic.FilePath, context.AdditionalFile.Path, StringComparison.Ordinal))
            {
                context.ReportDiagnostic(DefinitionDiagnosticConverter.ToRoslyn(diagnostic));
            }
        }
    }
}
