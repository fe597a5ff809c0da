using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SmartSync.Generator.Tests.Infrastructure;
using Xunit;

namespace SmartSync.Generator.Tests;

/// <summary>The pipeline's caching, proved with tracked step names on real driver runs.</summary>
public sealed class CachingTests
{
    private static readonly string[] AllSteps =
    [
        TrackingNames.InputFiles, TrackingNames.DataModel, TrackingNames.ProfilesFile, TrackingNames.Definitions,
        TrackingNames.Namespace, TrackingNames.AppEntities, TrackingNames.ProfilesModel, TrackingNames.EntityNamesModel, TrackingNames.RecordTypesModel,
    ];

    [Fact]
    public void Every_tracked_step_runs_on_the_first_pass()
    {
        var outcome = Harness().Run();

        foreach (var step in AllSteps)
        {
            Assert.True(outcome.Result.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
        }

        Assert.All(Outputs(outcome), reason => Assert.Equal(IncrementalStepRunReason.New, reason));
    }

    [Fact]
    public void An_unrelated_CSharp_edit_re_emits_nothing()
    {
        var harness = Harness();
        harness.Run();

        var edited = harness.Compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Demo.App { internal static class Unrelated { } }", GeneratorHarness.ParseOptions));
        var outcome = harness.Run(edited);

        foreach (var (step, reasons) in StepReasons(outcome))
        {
            Assert.All(reasons, reason => Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} was {reason}"));
        }

        Assert.NotEmpty(Outputs(outcome));
        Assert.All(Outputs(outcome), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void A_whitespace_only_XML_edit_stops_after_parsing()
    {
        var harness = Harness();
        harness.Run();

        var profiles = harness.Texts.Single(t => t.Path.EndsWith("SmartSync.xml", System.StringComparison.Ordinal));
        var reformatted = profiles.GetText()!.ToString().Replace("  <", "\t\t<", System.StringComparison.Ordinal) + "\n\n";
        harness.ReplaceText(profiles, reformatted);
        var outcome = harness.Run();

        var reasons = StepReasons(outcome);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.ProfilesFile]);
        Assert.All(reasons[TrackingNames.Definitions], r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        Assert.All(reasons[TrackingNames.ProfilesModel], r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(reasons[TrackingNames.EntityNamesModel], r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(Outputs(outcome), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void A_whitespace_only_CSDL_edit_stops_after_parsing()
    {
        var harness = Harness();
        harness.Run();

        var csdl = harness.Texts.Single(t => t.Path.EndsWith(".csdl", System.StringComparison.Ordinal));
        harness.ReplaceText(csdl, csdl.GetText()!.ToString().Replace("\n", "\n  ", System.StringComparison.Ordinal));
        var outcome = harness.Run();

        var reasons = StepReasons(outcome);
        Assert.All(reasons[TrackingNames.DataModel], r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        Assert.All(Outputs(outcome), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void A_real_XML_edit_re_emits_the_profiles_but_not_the_entity_names()
    {
        var harness = Harness();
        var first = harness.Run();

        var profiles = harness.Texts.Single(t => t.Path.EndsWith("SmartSync.xml", System.StringComparison.Ordinal));
        harness.ReplaceText(profiles, profiles.GetText()!.ToString().Replace("Delay=\"300\"", "Delay=\"600\"", System.StringComparison.Ordinal));
        var outcome = harness.Run();

        var reasons = StepReasons(outcome);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.Definitions]);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.ProfilesModel]);
        Assert.All(reasons[TrackingNames.EntityNamesModel], r => Assert.Equal(IncrementalStepRunReason.Cached, r));

        // A trigger's delay changes no table: the record-type model is recomputed, found equal, and not re-emitted.
        Assert.All(reasons[TrackingNames.RecordTypesModel], r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));

        var outputs = outcome.Result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Contains(IncrementalStepRunReason.Modified, outputs);
        Assert.Contains("DelaySeconds: 600", outcome.Sources["Profiles.g.cs"], System.StringComparison.Ordinal);
        Assert.DoesNotContain("DelaySeconds: 600", first.Sources["Profiles.g.cs"], System.StringComparison.Ordinal);
    }

    [Fact]
    public void Step_outputs_of_two_independent_runs_are_equal()
    {
        // Value equality of every step output is what makes the cache work at all.
        var first = Harness().Run();
        var second = Harness().Run();

        foreach (var step in AllSteps)
        {
            var a = first.Result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
            var b = second.Result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
            Assert.Equal(a, b);
        }
    }

    private static GeneratorHarness Harness() => GeneratorHarness.Create(GeneratorCases.Inputs("Sample"));

    private static Dictionary<string, List<IncrementalStepRunReason>> StepReasons(GeneratorRunOutcome outcome) =>
        outcome.Result.TrackedSteps
            .Where(pair => AllSteps.Contains(pair.Key))
            .ToDictionary(pair => pair.Key, pair => pair.Value.SelectMany(step => step.Outputs).Select(o => o.Reason).ToList());

    private static List<IncrementalStepRunReason> Outputs(GeneratorRunOutcome outcome) =>
        outcome.Result.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(step => step.Outputs).Select(o => o.Reason).ToList();
}
