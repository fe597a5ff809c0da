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
    [InlineData("""<EntityType><Property Name="id" Type="Edm.Guid" /></EntityType>""", "has no Name", "EntityType")]
    [InlineData("""<EntityType Name="a"><Key><PropertyRef Name="id" /></Key><Property Name="id" /></EntityType>""", "needs both Name and Type", "Property")]
    [InlineData("""<EntityType Name="a"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid" /><NavigationProperty Name="n" /></EntityType>""", "needs both Name and Type", "NavigationProperty")]
    [InlineData("""<EntityType Name="a"><Key><PropertyRef /></Key><Property Name="id" Type="Edm.Guid" /></EntityType>""", "has no Name", "PropertyRef")]
    public void Documents_that_are_not_CSDL_give_SS0040_at_the_element(string types, string expected, string span)
    {
        var text = Schema(types);
        var result = CsdlParser.Parse(text, "bad.csdl");

        Assert.Null(result.Model);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SS0040", diagnostic.Id);
        Assert.Contains(expected, diagnostic.Message);
        Assert.Equal(span, Spanned(text, diagnostic));
    }

    [Theory]
    [InlineData("""<EntityType Name="a" BaseType="ns.missing"><Property Name="id" Type="Edm.Guid" /></EntityType>""", "a", "unknown type 'ns.missing'", "ns.missing")]
    [InlineData("""<EntityType Name="a" BaseType="ns.b" /><EntityType Name="b" BaseType="ns.a" />""", "a", "BaseType cycle", "ns.b")]
    [InlineData("""<EntityType Name="a"><Property Name="id" Type="Edm.Guid" /></EntityType>""", "a", "has no key", "EntityType")]
    [InlineData("""<EntityType Name="a"><Key><PropertyRef Name="x" /></Key><Property Name="id" Type="Edm.Guid" /></EntityType>""", "a", "not a property", "x")]
    [InlineData("""<EntityType Name="a"><Key><PropertyRef Name="id" /><PropertyRef Name="n" /></Key><Property Name="id" Type="Edm.Guid" /><Property Name="n" Type="Edm.Int32" /></EntityType>""", "a", "composite key", "n")]
    [InlineData("""<EntityType Name="a"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid" /><Property Name="id" Type="Edm.String" /></EntityType>""", "a", "declared twice", "EntityType")]
    [InlineData("""<EntityType Name="a"><Key><PropertyRef Name="s" /></Key><Property Name="s" Type="Edm.Stream" /></EntityType>""", "a", "cannot store", "s")]
    public void Types_SmartSync_cannot_use_are_skipped_with_SS0042_at_the_cause(string types, string name, string expected, string span)
    {
        var text = Schema(types);
        var result = CsdlParser.Parse(text, "m.csdl");

        var model = Assert.IsType<DataModel.EntityDataModel>(result.Model);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        Assert.Null(model.Find(name));
        Assert.Contains(expected, model.UnusableReason(name));
        var diagnostic = result.Diagnostics.First(d => d.Message.Contains(expected) && d.Message.Contains($"'{name}'"));
        Assert.Equal("SS0042", diagnostic.Id);
        Assert.Equal(span, Spanned(text, diagnostic));
    }

    [Fact]
    public void An_abstract_type_needs_no_key_and_a_concrete_one_inherits_its_key_from_any_depth()
    {
        var text = Schema("""
            <EntityType Name="root" Abstract="true" />
            <EntityType Name="keyed" BaseType="ns.root" Abstract="true"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid" /></EntityType>
            <EntityType Name="middle" BaseType="ns.keyed"><Property Name="m" Type="Edm.String" /></EntityType>
            <EntityType Name="leaf" BaseType="ns.middle"><Property Name="l" Type="Edm.Int64" /></EntityType>
            <EntityContainer Name="c"><EntitySet Name="leaves" EntityType="ns.leaf" /></EntityContainer>
            """);

        var result = CsdlParser.Parse(text, "m.csdl");

        Assert.Empty(result.Diagnostics);
        var model = result.Model!;
        Assert.Null(model.Find("root")!.Key);
        Assert.True(model.Find("root")!.IsAbstract);
        Assert.Equal("id", model.Find("keyed")!.Key);
        var leaf = model.Find("leaf")!;
        Assert.Equal("id", leaf.Key);
        Assert.Equal(["id", "m", "l"], leaf.Properties.Select(p => p.Name));
        Assert.True(leaf.IsSyncable);
        Assert.False(model.Find("root")!.IsSyncable);
    }

    [Fact]
    public void Several_schemas_aliases_and_qualified_names_resolve_across_the_document()
    {
        var text = Envelope("""
            <Schema Namespace="Org.Base" Alias="b" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid" /></EntityType>
            </Schema>
            <Schema Namespace="Org.Sales" Alias="s" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <EntityType Name="order" BaseType="b.entity"><NavigationProperty Name="customer" Type="Org.Sales.customer" /></EntityType>
              <EntityType Name="customer" BaseType="Org.Base.entity" />
              <EntityContainer Name="c"><EntitySet Name="orders" EntityType="s.order" /><EntitySet Name="customers" EntityType="Org.Sales.customer" /></EntityContainer>
            </Schema>
            """);

        var result = CsdlParser.Parse(text, "m.csdl");

        Assert.Empty(result.Diagnostics);
        var order = result.Model!.Find("order")!;
        Assert.Equal(("id", "orders", "entity"), (order.Key, order.EntitySetName, order.BaseType));
        Assert.Equal("customer", Assert.Single(order.Lookups).TargetEntity);
        Assert.Equal("customers", result.Model.Find("customer")!.EntitySetName);
    }

    [Fact]
    public void Elements_that_are_not_tables_are_passed_over_without_diagnostics()
    {
        var text = Schema("""
            <ComplexType Name="Label"><Property Name="Text" Type="Edm.String" /></ComplexType>
            <EnumType Name="Rights" IsFlags="true"><Member Name="None" Value="0" /></EnumType>
            <TypeDefinition Name="Money" UnderlyingType="Edm.Decimal" />
            <Action Name="Win"><Parameter Name="Status" Type="Edm.Int32" /></Action>
            <Function Name="WhoAmI"><ReturnType Type="ns.Label" /></Function>
            <Term Name="SolutionId" Type="Edm.Guid" />
            <Annotations Target="ns.a"><Annotation Term="Core.Description" String="x" /></Annotations>
            <EntityType Name="a"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid"><Annotation Term="Core.Description" String="k" /></Property>
              <Property Name="amount" Type="ns.Money" /><Property Name="rights" Type="ns.Rights" />
              <Annotation Term="Core.Description" String="t" /></EntityType>
            <EntityContainer Name="c">
              <EntitySet Name="as" EntityType="ns.a"><NavigationPropertyBinding Path="x" Target="as" /></EntitySet>
              <Singleton Name="me" Type="ns.a" />
              <FunctionImport Name="WhoAmI" Function="ns.WhoAmI" />
              <ActionImport Name="Win" Action="ns.Win" />
            </EntityContainer>
            """);

        var result = CsdlParser.Parse(text, "m.csdl");

        Assert.Empty(result.Diagnostics);
        var a = Assert.Single(result.Model!.Entities);
        Assert.Equal("as", a.EntitySetName);
        Assert.Equal("Edm.Decimal", a.FindProperty("amount")!.EdmType);
        Assert.Equal("ns.Rights", a.FindProperty("rights")!.EdmType);
        Assert.Equal(DataModel.EdmValueKind.String, a.FindProperty("rights")!.Kind);
    }

    [Theory]
    [InlineData("Edm.Binary", DataModel.EdmValueKind.String)]
    [InlineData("Edm.Boolean", DataModel.EdmValueKind.Boolean)]
    [InlineData("Edm.Byte", DataModel.EdmValueKind.Integer)]
    [InlineData("Edm.SByte", DataModel.EdmValueKind.Integer)]
    [InlineData("Edm.Int16", DataModel.EdmValueKind.Integer)]
    [InlineData("Edm.Int32", DataModel.EdmValueKind.Integer)]
    [InlineData("Edm.Int64", DataModel.EdmValueKind.Integer)]
    [InlineData("Edm.Single", DataModel.EdmValueKind.Double)]
    [InlineData("Edm.Double", DataModel.EdmValueKind.Double)]
    [InlineData("Edm.Decimal", DataModel.EdmValueKind.Decimal)]
    [InlineData("Edm.Guid", DataModel.EdmValueKind.Guid)]
    [InlineData("Edm.String", DataModel.EdmValueKind.String)]
    [InlineData("Edm.Date", DataModel.EdmValueKind.DateTimeOffset)]
    [InlineData("Edm.DateTimeOffset", DataModel.EdmValueKind.DateTimeOffset)]
    [InlineData("Edm.TimeOfDay", DataModel.EdmValueKind.String)]
    [InlineData("Edm.Duration", DataModel.EdmValueKind.String)]
    public void Every_storable_primitive_type_becomes_a_column(string edmType, DataModel.EdmValueKind kind)
    {
        var text = Schema($"""<EntityType Name="a"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid" /><Property Name="v" Type="{edmType}" /></EntityType>""");

        var result = CsdlParser.Parse(text, "m.csdl");

        Assert.Empty(result.Diagnostics);
        var property = result.Model!.Find("a")!.FindProperty("v")!;
        Assert.Equal((edmType, kind), (property.EdmType, property.Kind));
    }

    [Theory]
    [InlineData("Edm.Stream", "Edm.Stream", "stream")]
    [InlineData("Edm.GeographyPoint", "Edm.GeographyPoint", "geographic")]
    [InlineData("Edm.GeometryPolygon", "Edm.GeometryPolygon", "geographic")]
    [InlineData("Collection(Edm.String)", "Collection(Edm.String)", "collection")]
    [InlineData("Collection(ns.Label)", "Collection(ns.Label)", "collection")]
    [InlineData("ns.Label", "ns.Label", "complex")]
    [InlineData("ns.Nowhere", "ns.Nowhere", "not declared")]
    public void Properties_the_runtime_cannot_store_are_skipped_one_by_one_with_SS0042_at_their_type(string written, string recorded, string reason)
    {
        var text = Schema($"""
            <ComplexType Name="Label"><Property Name="Text" Type="Edm.String" /></ComplexType>
            <EntityType Name="a"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid" /><Property Name="v" Type="{written}" /><Property Name="w" Type="Edm.String" /></EntityType>
            """);

        var result = CsdlParser.Parse(text, "m.csdl");

        var entity = result.Model!.Find("a")!;
        Assert.Equal(["id", "w"], entity.Properties.Select(p => p.Name));
        var skipped = Assert.Single(entity.SkippedProperties);
        Assert.Equal(("v", recorded), (skipped.Name, skipped.EdmType));
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("SS0042", Definitions.Diagnostics.DefinitionSeverity.Info), (diagnostic.Id, diagnostic.Severity));
        Assert.Contains(reason, diagnostic.Message);
        Assert.Equal(written, Spanned(text, diagnostic));
    }

    [Fact]
    public void A_lookup_to_an_unknown_type_is_skipped_at_the_navigation_property()
    {
        var text = Schema("""<EntityType Name="a"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid" /><NavigationProperty Name="x" Type="ns.nope" /></EntityType>""");

        var result = CsdlParser.Parse(text, "m.csdl");

        Assert.Empty(result.Model!.Find("a")!.Lookups);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SS0042", diagnostic.Id);
        Assert.Equal("NavigationProperty", Spanned(text, diagnostic));
    }

    [Fact]
    public void An_entity_set_of_an_unknown_type_is_skipped_at_its_EntityType_value()
    {
        var text = Schema("""<EntityType Name="a"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid" /></EntityType><EntityContainer Name="c"><EntitySet Name="bs" EntityType="ns.b" /></EntityContainer>""");

        var result = CsdlParser.Parse(text, "m.csdl");

        Assert.NotNull(result.Model);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SS0042", diagnostic.Id);
        Assert.Equal("ns.b", Spanned(text, diagnostic));
    }

    [Fact]
    public void Diagnostics_point_at_the_offending_attribute_value()
    {
        var text = Schema("""<EntityType Name="a" BaseType="ns.missing"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid" /></EntityType>""");

        var diagnostic = CsdlParser.Parse(text, "bad.csdl").Diagnostics.Single();

        Assert.Equal("ns.missing", Spanned(text, diagnostic));
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
        var baseType = result.Model!.Find("crmbaseentity")!;
        Assert.True(baseType.IsAbstract);
        Assert.Null(baseType.Key);
        Assert.False(baseType.IsSyncable);
        Assert.Contains("crmbaseentity", baseType.ToString(), System.StringComparison.Ordinal); // printing a keyless type never throws
        var task = result.Model.Find("task")!;
        Assert.Equal("activityid", task.Key);
        Assert.Equal(["activityid", "subject", "percentcomplete"], task.Properties.Select(p => p.Name));
    }

    private static string Schema(string types) =>
        Envelope("<Schema Namespace=\"ns\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n" + types + "\n</Schema>");

    private static string Envelope(string schemas) =>
        "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices>\n" + schemas +
        "\n</edmx:DataServices></edmx:Edmx>";

    private static string Spanned(string text, Diagnostics.DefinitionDiagnostic diagnostic) =>
        text.Substring(diagnostic.Range.Start, diagnostic.Range.Length);
}
