using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SmartSync.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SmartSync.Analyzers.Tests.Xml;

/// <summary>SS0001–SS0042 reported by the analyzer inside SmartSync.xml and the CSDL file, at exact spans.</summary>
public sealed class DefinitionDiagnosticsTests
{
    [Theory]
    [MemberData(nameof(DefinitionDiagnosticCases.Positive), MemberType = typeof(DefinitionDiagnosticCases))]
    public Task Reports_the_diagnostic_at_its_span(string description, string xmlMarkup)
    {
        Assert.NotEmpty(description);
        return DefinitionAnalyzerTest.VerifyAsync(xmlMarkup);
    }

    [Theory]
    [MemberData(nameof(DefinitionDiagnosticCases.Negative), MemberType = typeof(DefinitionDiagnosticCases))]
    public Task Reports_nothing_for_the_corrected_file(string description, string xml)
    {
        Assert.NotEmpty(description);
        return DefinitionAnalyzerTest.VerifyAsync(xml);
    }

    [Fact]
    public Task Demo_SmartSync_xml_and_crm_csdl_produce_no_diagnostics() => DefinitionAnalyzerTest.VerifyAsync(TestFiles.DemoXml);

    [Fact]
    public Task Unknown_entity_message_suggests_the_closest_name_and_points_at_line_and_column() =>
        DefinitionAnalyzerTest.VerifyAsync(
            "<SmartSyncSetup>\n  <SmartSync Name=\"GetTasks\">\n    <Entities><Entity Name=\"taks\" /></Entities>\n  </SmartSync>\n</SmartSyncSetup>",
            new DiagnosticResult("SS0010", DiagnosticSeverity.Error)
                .WithSpan(TestFiles.XmlPath, 3, 29, 3, 33)
                .WithMessage("Entity 'taks' is not in the data model; did you mean 'task'?"));

    [Fact]
    public Task Unknown_launch_profile_message_suggests_the_closest_profile() =>
        DefinitionAnalyzerTest.VerifyAsync(
            DefinitionDiagnosticCases.Setup("""<SmartSync Name="GetTasks"><Entities><Entity Name="task" /></Entities></SmartSync><Trigger Launch="GetTask" Action="AppStart" />"""),
            new DiagnosticResult("SS0030", DiagnosticSeverity.Error)
                .WithSpan(TestFiles.XmlPath, 2, 102, 2, 109)
                .WithMessage("Trigger launches profile 'GetTask', which is not defined; did you mean 'GetTasks'?"));

    [Fact]
    public Task Invalid_value_message_lists_the_allowed_values() =>
        DefinitionAnalyzerTest.VerifyAsync(
            DefinitionDiagnosticCases.Setup("""<SmartSync Name="A" SyncMethod="{|#0:Incremetal|}"><Entities><Entity Name="task" /></Entities></SmartSync>"""),
            new DiagnosticResult("SS0005", DiagnosticSeverity.Error)
                .WithLocation(0)
                .WithMessage("'Incremetal' is not a valid value for SyncMethod; allowed: Default, Incremental, Full (did you mean 'Incremental'?)"));

    [Fact]
    public Task A_table_SmartSync_cannot_use_is_an_info_in_the_csdl_and_SS0040_where_SmartSync_xml_names_it()
    {
        const string csdl = """
            <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
              <edmx:DataServices>
                <Schema Namespace="Crm" xmlns="http://docs.oasis-open.org/odata/ns/edm">
                  <EntityType Name="task" BaseType="{|SS0042:Crm.activity|}">
                    <Key><PropertyRef Name="activityid" /></Key>
                    <Property Name="activityid" Type="Edm.Guid" />
                  </EntityType>
                </Schema>
              </edmx:DataServices>
            </edmx:Edmx>
            """;
        return DefinitionAnalyzerTest.Create(DefinitionDiagnosticCases.Setup("""<SmartSync Name="A"><Entities><Entity Name="{|SS0040:task|}" /></Entities></SmartSync>"""), csdl).RunAsync();
    }

    [Fact]
    public Task Skipped_properties_are_reported_only_for_the_apps_tables_and_the_types_they_inherit_from()
    {
        // account is listed in <AppEntities>, task is named by a profile (so it is the app's too) and inherits a stream
        // from activitypointer; the environment's other table's geography column is none of the app's business.
        const string csdl = """
            <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
              <edmx:DataServices>
                <Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm" xmlns="http://docs.oasis-open.org/odata/ns/edm">
                  <EntityType Name="crmbaseentity" Abstract="true" />
                  <EntityType Name="account" BaseType="mscrm.crmbaseentity">
                    <Key><PropertyRef Name="accountid" /></Key>
                    <Property Name="accountid" Type="Edm.Guid" />
                    <Property Name="location" Type="{|SS0042:Edm.GeographyPoint|}" />
                  </EntityType>
                  <EntityType Name="activitypointer" BaseType="mscrm.crmbaseentity">
                    <Key><PropertyRef Name="activityid" /></Key>
                    <Property Name="activityid" Type="Edm.Guid" />
                    <Property Name="body" Type="{|SS0042:Edm.Stream|}" />
                  </EntityType>
                  <EntityType Name="task" BaseType="mscrm.activitypointer"><Property Name="subject" Type="Edm.String" /></EntityType>
                  <EntityType Name="msdyn_unused" BaseType="mscrm.crmbaseentity">
                    <Key><PropertyRef Name="msdyn_unusedid" /></Key>
                    <Property Name="msdyn_unusedid" Type="Edm.Guid" />
                    <Property Name="msdyn_area" Type="Edm.GeographyPolygon" />
                    <Property Name="msdyn_tags" Type="Collection(Edm.String)" />
                  </EntityType>
                  <EntityContainer Name="System">
                    <EntitySet Name="accounts" EntityType="mscrm.account" />
                    <EntitySet Name="activitypointers" EntityType="mscrm.activitypointer" />
                    <EntitySet Name="tasks" EntityType="mscrm.task" />
                    <EntitySet Name="msdyn_unuseds" EntityType="mscrm.msdyn_unused" />
                  </EntityContainer>
                </Schema>
              </edmx:DataServices>
            </edmx:Edmx>
            """;
        return DefinitionAnalyzerTest.Create(
            DefinitionDiagnosticCases.Setup("""<AppEntities><Entity Name="account" /></AppEntities><SmartSync Name="A"><Entities><Entity Name="task" /></Entities></SmartSync>"""),
            csdl).RunAsync();
    }

    [Fact]
    public Task Without_AppEntities_every_table_is_the_apps_and_every_skipped_property_is_reported()
    {
        const string csdl = """
            <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
              <edmx:DataServices>
                <Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
                  <EntityType Name="task"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid" /><Property Name="body" Type="{|SS0042:Edm.Stream|}" /></EntityType>
                  <EntityType Name="other"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid" /><Property Name="tags" Type="{|SS0042:Collection(Edm.String)|}" /></EntityType>
                  <EntityContainer Name="c"><EntitySet Name="tasks" EntityType="ns.task" /><EntitySet Name="others" EntityType="ns.other" /></EntityContainer>
                </Schema>
              </edmx:DataServices>
            </edmx:Edmx>
            """;
        return DefinitionAnalyzerTest.Create(DefinitionDiagnosticCases.Setup("""<SmartSync Name="A"><Entities><Entity Name="task" /></Entities></SmartSync>"""), csdl).RunAsync();
    }

    [Fact]
    public Task A_Dataverse_document_with_an_abstract_keyless_base_reports_nothing()
    {
        const string csdl = """
            <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
              <edmx:DataServices>
                <Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm" xmlns="http://docs.oasis-open.org/odata/ns/edm">
                  <EntityType Name="crmbaseentity" Abstract="true" />
                  <EntityType Name="activitypointer" BaseType="mscrm.crmbaseentity">
                    <Key><PropertyRef Name="activityid" /></Key>
                    <Property Name="activityid" Type="Edm.Guid" />
                  </EntityType>
                  <EntityType Name="task" BaseType="mscrm.activitypointer"><Property Name="subject" Type="Edm.String" /></EntityType>
                  <EntityContainer Name="System"><EntitySet Name="tasks" EntityType="Microsoft.Dynamics.CRM.task" /></EntityContainer>
                </Schema>
              </edmx:DataServices>
            </edmx:Edmx>
            """;
        return DefinitionAnalyzerTest.Create(DefinitionDiagnosticCases.Setup("""<SmartSync Name="A"><Entities><Entity Name="task" /></Entities></SmartSync>"""), csdl).RunAsync();
    }

    [Fact]
    public Task Malformed_csdl_is_reported_in_the_csdl_file() =>
        DefinitionAnalyzerTest.Create(
            DefinitionDiagnosticCases.Setup("""<SmartSync Name="A"><Entities><Entity Name="task" /></Entities></SmartSync>"""),
            "<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n  <Schema>\n</{|SS0040:e|}dmx:Edmx>").RunAsync();

    [Fact]
    public Task Valid_csdl_reports_nothing() =>
        DefinitionAnalyzerTest.Create(DefinitionDiagnosticCases.Setup("""<SmartSync Name="A"><Entities><Entity Name="task" /></Entities></SmartSync>"""), TestFiles.DemoCsdl).RunAsync();

    [Fact]
    public Task No_data_model_is_an_info_on_the_root_element() =>
        DefinitionAnalyzerTest.Create(
            "<{|SS0041:SmartSyncSetup|}>\n  <SmartSync Name=\"A\"><Entities><Entity Name=\"anything_goes\" /></Entities></SmartSync>\n</SmartSyncSetup>",
            csdlMarkup: null).RunAsync();

    [Fact]
    public Task With_a_data_model_there_is_no_SS0041() =>
        DefinitionAnalyzerTest.Create(
            "<SmartSyncSetup>\n  <SmartSync Name=\"A\"><Entities><Entity Name=\"task\" /></Entities></SmartSync>\n</SmartSyncSetup>",
            TestFiles.DemoCsdl).RunAsync();
}
