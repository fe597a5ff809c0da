using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SmartSync.Analyzers.Inputs;
using SmartSync.Definitions;
using SmartSync.Definitions.DataModel;
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

    // The readings come from the content-keyed ParseCache, so the same objects return on every C# edit: their Roslyn
    // diagnostics (immutable) are built once, already filtered to the file they point into, and live exactly as long as
    // the cached readings. A C# edit then only hands Roslyn what it was handed last time.
    private static readonly ConditionalWeakTable<IReadOnlyList<DefinitionDiagnostic>, Diagnostic[]> RoslynDiagnostics = new();
    private static readonly ConditionalWeakTable<DataModelReadResult, ConditionalWeakTable<DefinitionSet, Diagnostic[]>> AppDataModelDiagnostics = new();

    private static Diagnostic[] Converted(IReadOnlyList<DefinitionDiagnostic> diagnostics, string path) =>
        RoslynDiagnostics.GetValue(diagnostics, list => Convert(list, path));

    private static Diagnostic[] Convert(IReadOnlyList<DefinitionDiagnostic> list, string path)
    {
        // Every diagnostic of a file's reading points into that file; anything else is not ours to place here.
        var converted = new List<Diagnostic>(list.Count);
        foreach (var diagnostic in list)
        {
            if (string.Equals(diagnostic.FilePath, path, StringComparison.Ordinal))
            {
                converted.Add(DefinitionDiagnosticConverter.ToRoslyn(diagnostic));
            }
        }

        return converted.ToArray();
    }

    /// <summary>
    /// A data model's diagnostics as the app sees them: SS0042 per skipped property only for the app's tables
    /// (docs/diagnostics/SS0042.md); every diagnostic when no SmartSync.xml is read against this model.
    /// </summary>
    private static Diagnostic[]? DataModelDiagnostics(AdditionalText file, SmartSyncInputs inputs)
    {
        var reading = inputs.DataModelOf(file);
        if (reading is null)
        {
            return null;
        }

        var definitions = inputs.DefinitionsAgainst(file);
        if (definitions is null)
        {
            return Converted(reading.Diagnostics, file.Path);
        }

        var path = file.Path;
        return AppDataModelDiagnostics.GetOrCreateValue(reading).GetValue(definitions, set => Convert(reading.DiagnosticsFor(set.AppEntities), path));
    }

    private static void AnalyzeFile(AdditionalFileAnalysisContext context, SmartSyncInputs inputs)
    {
        var diagnostics = inputs.KindOf(context.AdditionalFile) switch
        {
            DefinitionFileKind.Profiles => inputs.DefinitionsOf(context.AdditionalFile) is { } set ? Converted(set.Diagnostics, context.AdditionalFile.Path) : null,
            DefinitionFileKind.DataModel => DataModelDiagnostics(context.AdditionalFile, inputs),
            _ => null,
        };

        if (diagnostics is null)
        {
            return;
        }

        foreach (var diagnostic in diagnostics)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            context.ReportDiagnostic(diagnostic);
        }
    }
}
