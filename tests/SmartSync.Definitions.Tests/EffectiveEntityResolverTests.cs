using System.Linq;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;
using Xunit;
using static SmartSync.Definitions.Tests.TestData;

namespace SmartSync.Definitions.Tests;

public class EffectiveEntityResolverTests
{
    private static readonly EquatableArray<ExcludedEntity> Global = GlobalExclusionCalculator.Compute(CrmModel.Model!);

    [Fact]
    public void Global_list_holds_stable_and_enum_like_entities_with_reasons()
    {
        var names = Global.Select(e => e.Name).ToList();

        Assert.Equal(
            ["businessunit", "industrycode", "organization", "systemuser", "team", "territory", "transactioncurrency", "uom", "uomschedule"],
            names);
        Assert.StartsWith("enum-like", Global.Single(e => e.Name == "industrycode").Reason);
        Assert.StartsWith("stable", Global.Single(e => e.Name == "systemuser").Reason);
    }

    [Fact]
    public void Include_keeps_exactly_the_listed_entities()
    {
        var result = Resolve(EntitiesMode.Include, new EntitySpec("task", false, false), new EntitySpec("systemuser", false, false));

        Assert.Equal(["task", "systemuser"], result.Entities);
        Assert.Empty(result.Pruned);
        Assert.True(result.IsComplete);
    }

    [Fact]
    public void WithRelated_adds_one_level_and_global_exclusions_prune_the_implicit_ones()
    {
        var result = Resolve(EntitiesMode.Include, new EntitySpec("opportunity", true, false));

        Assert.Equal(["opportunity", "account", "lead"], result.Entities);
        Assert.Contains(new PrunedEntity("systemuser", ExclusionList.Global, Global.Single(e => e.Name == "systemuser").Reason), result.Pruned);
        Assert.Contains(result.Pruned, p => p.Name == "transactioncurrency" && p.List == ExclusionList.Global);
    }

    [Fact]
    public void Deep_follows_lookups_transitively()
    {
        var result = Resolve(EntitiesMode.Include, new EntitySpec("opportunity", true, true));

        Assert.Equal(["opportunity", "account", "lead", "contact", "campaign"], result.Entities);
    }

    [Fact]
    public void Auto_exclusions_prune_only_implicit_entities()
    {
        var profile = Profile(EntitiesMode.Include, new EntitySpec("opportunity", true, false), new EntitySpec("lead", false, false));
        ExcludedEntity[] auto = [new("account", "no changes in the last 5 downloads"), new("lead", "no changes")];

        var result = EffectiveEntityResolver.Resolve(profile, CrmModel.Model, Global, auto);

        Assert.Equal(["opportunity", "lead"], result.Entities);
        Assert.Contains(new PrunedEntity("account", ExclusionList.Auto, "no changes in the last 5 downloads"), result.Pruned);
    }

    [Fact]
    public void Exclude_mode_takes_every_other_syncable_entity_minus_exclusions()
    {
        var result = Resolve(EntitiesMode.Exclude, new EntitySpec("task", false, false));

        Assert.DoesNotContain("task", result.Entities);
        Assert.Contains("account", result.Entities);
        Assert.DoesNotContain("systemuser", result.Entities);
        Assert.Contains(new PrunedEntity("task", ExclusionList.Manual, "listed in the profile's Exclude list"), result.Pruned);
        Assert.Equal(22 - 1 - Global.Count, result.Entities.Count);
    }

    [Fact]
    public void Exclusions_are_ignored_when_the_profile_opts_out()
    {
        var profile = Profile(EntitiesMode.Exclude, new EntitySpec("task", false, false)) with { UseGlobalExclusions = false };

        var result = EffectiveEntityResolver.Resolve(profile, CrmModel.Model, Global, []);

        Assert.Equal(21, result.Entities.Count);
    }

    [Fact]
    public void Without_a_model_the_set_is_marked_incomplete()
    {
        var result = EffectiveEntityResolver.Resolve(Profile(EntitiesMode.Include, new EntitySpec("task", true, false)), null, [], []);

        Assert.Equal(["task"], result.Entities);
        Assert.False(result.IsComplete);
    }

    private static EffectiveEntitySet Resolve(EntitiesMode mode, params EntitySpec[] entities) =>
        EffectiveEntityResolver.Resolve(Profile(mode, entities), CrmModel.Model, Global, []);

    private static ProfileSpec Profile(EntitiesMode mode, params EntitySpec[] entities) =>
        new("P", null, SyncAction.UpDownSync, SyncMethod.Default, true, true, SyncModules.None, mode, entities.ToEquatableArray());
}
