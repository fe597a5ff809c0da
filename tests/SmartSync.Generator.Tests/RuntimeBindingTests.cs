using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using SmartSync.Definitions;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Parsing;
using SmartSync.Definitions.Semantics;
using SmartSync.Generator.Tests.Infrastructure;
using Xunit;

namespace SmartSync.Generator.Tests;

/// <summary>
/// Emits the generated code, loads it, and checks what the module initializer registered against what
/// the Definitions library reads from the same input: the literals round-trip exactly.
/// </summary>
public sealed class RuntimeBindingTests
{
    public static TheoryData<string> Cases => GeneratorCases.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_module_initializer_registers_exactly_what_the_definitions_describe(string caseName)
    {
        var inputs = GeneratorCases.Inputs(caseName);
        var outcome = GeneratorHarness.Create(inputs).Run();
        var context = new AssemblyLoadContext("generated-" + caseName, isCollectible: true);
        try
        {
            var assembly = Load(outcome, context);
            var profilesType = assembly.GetType("Demo.App.Profiles", throwOnError: true)!;

            // Touching the module runs its initializer, which adds the assembly's catalog to the compiled registry.
            var all = (IReadOnlyList<SmartSyncProfile>)profilesType.GetProperty("All")!.GetValue(null)!;
            var catalog = (SmartSyncCatalog)profilesType.GetProperty("Catalog")!.GetValue(null)!;
            Assert.Equal(all, catalog.Profiles);
            Assert.All(all, profile => Assert.Contains(profile, SmartSyncCatalog.Compiled.Profiles));

            var (expectedProfiles, expectedTriggers, expectedExclusions, model, appEntities) = ReadWithDefinitions(inputs);
            Assert.Equal(expectedProfiles, all.Select(p => p.Spec));
            Assert.Equal(expectedTriggers, catalog.Triggers);
            Assert.Equal(expectedExclusions, catalog.GlobalExclusions);
            Assert.Equal(appEntities, catalog.AppEntities);

            foreach (var profile in all)
            {
                Assert.Equal(profile.Name + "Profile", profile.GetType().Name);
                Assert.Same(profile, profilesType.GetProperty(profile.Name)!.GetValue(null));
                var compiled = (EffectiveEntitySet)profile.GetType().GetProperty("CompiledEntities")!.GetValue(profile)!;
                var resolved = EffectiveEntityResolver.Resolve(profile.Spec, model, expectedExclusions, EquatableArray<ExcludedEntity>.Empty, appEntities is { } scope ? scope : null);
                Assert.Equal(resolved, compiled);
            }
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Entity_name_constants_hold_the_logical_names()
    {
        var outcome = GeneratorHarness.Create(GeneratorCases.Inputs("Sample")).Run();
        var context = new AssemblyLoadContext("generated-entity-names", isCollectible: true);
        try
        {
            var entityNames = Load(outcome, context).GetType("Demo.App.EntityNames", throwOnError: true)!;
            var values = entityNames.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral)
                .Select(f => (string)f.GetRawConstantValue()!)
                .Order(StringComparer.Ordinal);
            var model = CsdlParser.Parse(TestFiles.SampleDataModel, "crm.csdl").Model!;

            Assert.Equal(model.EntityNames.Order(StringComparer.Ordinal), values);
            Assert.Equal("task", entityNames.GetField("Task")!.GetRawConstantValue());
        }
        finally
        {
            context.Unload();
        }
    }

    private static Assembly Load(GeneratorRunOutcome outcome, AssemblyLoadContext context)
    {
        using var image = new MemoryStream();
        var emitted = outcome.Output.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        image.Position = 0;

        // SmartSync.Runtime and SmartSync.Definitions resolve from the default context, shared with this test.
        return context.LoadFromStream(image);
    }

    private static (EquatableArray<ProfileSpec> Profiles, EquatableArray<TriggerSpec> Triggers, EquatableArray<ExcludedEntity> Exclusions, Definitions.DataModel.EntityDataModel? Model, EquatableArray<string>? AppEntities)
        ReadWithDefinitions(IReadOnlyList<GeneratorInput> inputs)
    {
        var csdl = inputs.FirstOrDefault(i => i.Path.EndsWith(".csdl", StringComparison.Ordinal));
        var dataModel = csdl is null ? null : CsdlParser.Parse(csdl.Text, csdl.Path);
        var profiles = inputs.Single(i => i.Path.EndsWith(".xml", StringComparison.Ordinal));
        var set = DefinitionReader.Read(profiles.Text, profiles.Path, dataModel);
        return (set.Profiles, set.Triggers, set.GlobalExclusions, dataModel?.Model, set.AppEntityScope);
    }
}
