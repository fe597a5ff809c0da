using SmartSync.Generator.Emit;
using SmartSync.Generator.Naming;
using SmartSync.Generator.Tests.Infrastructure;
using Xunit;

namespace SmartSync.Generator.Tests;

/// <summary>Names of the EntityNames constants.</summary>
public sealed class EntityIdentifierTests
{
    [Theory]
    [InlineData("task", "Task")]
    [InlineData("new_project", "NewProject")]
    [InlineData("msdyn_workorder_type", "MsdynWorkorderType")]
    [InlineData("2fa_device", "_2faDevice")]
    [InlineData("___", "Entity")]
    public void Logical_names_become_PascalCase(string logicalName, string expected) =>
        Assert.Equal(expected, EntityIdentifiers.PascalCase(logicalName));

    [Fact]
    public void Collisions_and_the_enclosing_type_name_get_ordinal_suffixes()
    {
        var names = EntityIdentifiers.Assign(["a_b", "a__b", "ab_2", "entity_names", "AB"]);

        Assert.Equal(["AB", "AB_2", "Ab2", "EntityNames_2", "AB_3"], names);
    }

    [Fact]
    public void Colliding_entities_compile()
    {
        const string csdl = """
            <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
            <Schema Namespace="N" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <EntityType Name="new_item"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/></EntityType>
              <EntityType Name="newitem"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/></EntityType>
              <EntityType Name="new__item"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/></EntityType>
              <EntityType Name="entitynames"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/></EntityType>
              <EntityType Name="entity_names"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/></EntityType>
              <EntityContainer Name="C"><EntitySet Name="items" EntityType="N.new_item"/></EntityContainer>
            </Schema></edmx:DataServices></edmx:Edmx>
            """;
        var outcome = GeneratorHarness.Create([GeneratorInput.DataModel(csdl)]).Run();
        var source = outcome.Sources[EntityNamesEmitter.HintName];

        Assert.Contains("public const string EntityNames_2 = \"entity_names\";", source, System.StringComparison.Ordinal);
        Assert.Contains("public const string Entitynames = \"entitynames\";", source, System.StringComparison.Ordinal);
        Assert.Contains("public const string NewItem_2 = \"new_item\";", source, System.StringComparison.Ordinal);
        Assert.Contains("public const string NewItem = \"new__item\";", source, System.StringComparison.Ordinal);
        Assert.Contains("public const string Newitem = \"newitem\";", source, System.StringComparison.Ordinal);
        Assert.Empty(outcome.CompilationProblems);
    }
}
