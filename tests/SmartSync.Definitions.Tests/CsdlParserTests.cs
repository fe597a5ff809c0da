using System.Linq;
using SmartSync.Definitions.Parsing;
using Xunit;

namespace SmartSync.Definitions.Tests;

public class CsdlParserTests
{
    [Fact]
    public void Reads_the_demo_model_with_inheritance_resolved()
    {
        var result = TestData.CrmModel;

        Assert.Empty(result.Diagnostics);
        var model = Assert.IsType<DataModel.EntityDataModel>(result.Model);
        Assert.Equal(22, model.Entities.Count);

        var task = model.Find("task")!;
        Assert.Equal("activitypointer", task.BaseType);
        Assert.Equal("activityid", task.Key);
        Assert.Equal("tasks", task.EntitySetName);
        Assert.Equal("activityid", task.Properties[0].Name);
        Assert.Contains(task.Properties, p => p.Name == "percentcomplete" && p.EdmType == "Edm.Int32");
        Assert.Contains(task.Lookups, l => l.Name == "ownerid" && l.TargetEntity == "systemuser" && l.ForeignKey == "_ownerid_value");
        Assert.Contains(task.Lookups, l => l.Name == "regardingobjectid" && l.TargetEntity == "account");

        var account = model.Find("account")!;
        Assert.False(account.FindProperty("accountid")!.Nullable);
        Assert.Equal(200, account.FindProperty("name")!.MaxLength);
    }

    [Fact]
    public void Two_parses_of_the_same_text_are_equal()
    {
        var first = CsdlParser.Parse(TestData.CrmCsdl, "a.csdl").Model;
        var second = CsdlParser.Parse(TestData.CrmCsdl, "b.csdl").Model;

        Assert.Equal(first, second);
        Assert.Equal(first!.GetHashCode(), second!.GetHashCode());
    }

    [Fact]
    public void Collection_navigation_properties_are_not_lookups()
    {
        var csdl = Schema("""
            <EntityType Name="account"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid" />
              <NavigationProperty Name="contacts" Type="Collection(ns.contact)" /></EntityType>
            <EntityType Name="contact"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid" /></EntityType>
            """);

        var model = CsdlParser.Parse(csdl, "m.csdl").Model!;

        Assert.Empty(model.Find("account")!.Lookups);
    }

    [Theory]
    [InlineData("<Edmx", "SS0040", 1)]
    [InlineData("<Root/>", "no <Schema>", 1)]
    public void Malformed_documents_give_SS0040(string text, string expected, int line)
    {
        var result = CsdlParser.Parse(text, "bad.csdl");

        Assert.Null(result.Model);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SS0040", diagnostic.Id);
        Assert.Contains(expected, diagnostic.ToString());
        Assert.Equal(line - 1, diagnostic.Range.StartLine);
    }

    [Theory]
    [InlineData("""<EntityType Name="a" BaseType="ns.missing"><Property Name="id" Type="Edm.Guid" /></EntityType>""", "unknown type 'ns.missing'")]
    [InlineData("""<EntityType Name="a" BaseType="ns.b" /><EntityType Name="b" BaseType="ns.a" />""", "BaseType cycle")]
    [InlineData("""<EntityType Name="a"><Property Name="id" Type="Edm.Guid" /></EntityType>""", "has no key")]
    [InlineData("""<EntityType Name="a"><Key><PropertyRef Name="x" /></Key><Property Name="id" Type="Edm.Guid" /></EntityType>""", "not a property")]
    [InlineData("""<EntityType Name="a"><Key><PropertyRef Name="id" /><PropertyRef Name="n" /></Key><Property Name="id" Type="Edm.Guid" /><Property Name="n" Type="Edm.Int32" /></EntityType>""", "composite key")]
    [InlineData("""<EntityType><Property Name="id" Type="Edm.Guid" /></EntityType>""", "has no Name")]
    [InlineData("""<EntityType Name="a"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid" /><NavigationProperty Name="x" Type="ns.nope" /></EntityType>""", "unknown type 'nope'")]
    [InlineData("""<EntityType Name="a"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid" /></EntityType><EntityType Name="a"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid" /></EntityType>""", "declared twice")]
    [InlineData("""<EntityType Name="a"><Key><PropertyRef Name="id" /></Key><Property Name="id" /></EntityType>""", "needs both Name and Type")]
    public void Invalid_schemas_are_reported_not_thrown(string types, string expected)
    {
        var result = CsdlParser.Parse(Schema(types), "bad.csdl");

        Assert.Null(result.Model);
        Assert.Contains(result.Diagnostics, d => d.Id == "SS0040" && d.Message.Contains(expected));
    }

    [Fact]
    public void Diagnostics_point_at_the_offending_attribute_value()
    {
        var text = Schema("""<EntityType Name="a" BaseType="ns.missing"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid" /></EntityType>""");

        var diagnostic = CsdlParser.Parse(text, "bad.csdl").Diagnostics.Single();

        Assert.Equal("ns.missing", text.Substring(diagnostic.Range.Start, diagnostic.Range.Length));
    }

    [Fact]
    public void Dtds_are_refused()
    {
        var text = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";

        var result = CsdlParser.Parse(text, "evil.csdl");

        Assert.Null(result.Model);
        Assert.Equal("SS0040", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void An_abstract_keyless_base_lends_its_members_and_a_derived_type_inherits_its_key()
    {
        var result = CsdlParser.Parse(Schema(
            """
            <EntityType Name="crmbaseentity" Abstract="true" />
            <EntityType Name="activitypointer" BaseType="ns.crmbaseentity"><Key><PropertyRef Name="activityid" /></Key><Property Name="activityid" Type="Edm.Guid" /><Property Name="subject" Type="Edm.String" /></EntityType>
            <EntityType Name="task" BaseType="ns.activitypointer"><Property Name="percentcomplete" Type="Edm.Int32" /></EntityType>
            <EntityContainer Name="c"><EntitySet Name="tasks" EntityType="ns.task" /></EntityContainer>
            """), "dataverse.csdl");

        Assert.Empty(result.Diagnostics);
        Assert.Null(result.Model!.Find("crmbaseentity"));
        var task = result.Model.Find("task")!;
        Assert.Equal("activityid", task.Key);
        Assert.Equal(["activityid", "subject", "percentcomplete"], task.Properties.Select(p => p.Name));
    }

    private static string Schema(string types) =>
        "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices>\n" +
        "<Schema Namespace=\"ns\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n" + types +
        "\n</Schema></edmx:DataServices></edmx:Edmx>";
}
