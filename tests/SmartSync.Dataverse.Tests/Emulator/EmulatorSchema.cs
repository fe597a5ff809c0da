using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SmartSync.Dataverse.Tests.Emulator;

/// <summary>A column of an emulated table, with what its attribute definition says a create or an update may set.</summary>
public sealed record EmulatorColumn(string Name, string EdmType, bool Creatable = true, bool Updatable = true);

/// <summary>A single-valued navigation property and the lookup column its referential constraint names.</summary>
public sealed record EmulatorNavigation(string Name, string Column, string Target);

/// <summary>An emulated table: columns, key, lookups, change tracking, and the privilege names its definition lists.</summary>
public sealed record EmulatorTable(
    string LogicalName,
    string SetName,
    string Key,
    IReadOnlyList<EmulatorColumn> Columns,
    IReadOnlyList<EmulatorNavigation> Navigations,
    bool ChangeTracking,
    string PrivilegeSuffix,
    bool Owned,
    string? BaseTable = null,
    string? RowsOf = null)
{
    public EmulatorColumn? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);
}

/// <summary>
/// The emulated environment's tables and their <c>$metadata</c>, shaped as Dataverse publishes it (Web API service
/// documents, https://learn.microsoft.com/power-apps/developer/data-platform/webapi/web-api-service-documents):
/// one schema <c>Microsoft.Dynamics.CRM</c> alias <c>mscrm</c>, the abstract keyless <c>crmbaseentity</c> every table
/// derives from, <c>task</c> inheriting its key <c>activityid</c> from <c>activitypointer</c>, lookups as
/// <c>_x_value</c> columns plus navigation properties with referential constraints (a polymorphic customer lookup
/// has one navigation per target), keys without <c>Nullable="false"</c>, and the complex types, functions and
/// annotations that sit next to the tables.
/// </summary>
public static class EmulatorSchema
{
    private static readonly EmulatorColumn[] System =
    [
        new("createdon", "Edm.DateTimeOffset", false, false),
        new("modifiedon", "Edm.DateTimeOffset", false, false),
        new("versionnumber", "Edm.Int64", false, false),
    ];

    public static readonly IReadOnlyList<EmulatorTable> Tables =
    [
        new("systemuser", "systemusers", "systemuserid",
            [new("systemuserid", "Edm.Guid"), new("fullname", "Edm.String", false, false), new("domainname", "Edm.String"), .. System],
            [], ChangeTracking: true, "User", Owned: false),
        new("organization", "organizations", "organizationid",
            [new("organizationid", "Edm.Guid"), new("name", "Edm.String"), .. System],
            [], ChangeTracking: false, "Organization", Owned: false),
        new("account", "accounts", "accountid",
            [new("accountid", "Edm.Guid"), new("name", "Edm.String"), new("revenue", "Edm.Decimal"), new("telephone1", "Edm.String"),
             new("_primarycontactid_value", "Edm.Guid"), new("_ownerid_value", "Edm.Guid"), new("entityimage", "Edm.Binary"), .. System],
            [new("primarycontactid", "_primarycontactid_value", "contact"), new("ownerid", "_ownerid_value", "systemuser")],
            ChangeTracking: true, "Account", Owned: true),
        new("contact", "contacts", "contactid",
            [new("contactid", "Edm.Guid"), new("firstname", "Edm.String"), new("lastname", "Edm.String"), new("emailaddress1", "Edm.String"),
             new("_parentcustomerid_value", "Edm.Guid"), new("_ownerid_value", "Edm.Guid"), .. System],
            [new("parentcustomerid_account", "_parentcustomerid_value", "account"), new("parentcustomerid_contact", "_parentcustomerid_value", "contact"),
             new("ownerid", "_ownerid_value", "systemuser")],
            ChangeTracking: true, "Contact", Owned: true),
        new("activitypointer", "activitypointers", "activityid",
            [new("activityid", "Edm.Guid"), new("subject", "Edm.String"), new("description", "Edm.String"), new("activitytypecode", "Edm.String", false, false),
             new("_regardingobjectid_value", "Edm.Guid"), new("_ownerid_value", "Edm.Guid"), .. System],
            [new("ownerid", "_ownerid_value", "systemuser")],
            ChangeTracking: false, "Activity", Owned: true, RowsOf: "task"),
        new("task", "tasks", "activityid",
            [new("activityid", "Edm.Guid"), new("subject", "Edm.String"), new("description", "Edm.String"), new("activitytypecode", "Edm.String", false, false),
             new("_regardingobjectid_value", "Edm.Guid"), new("_ownerid_value", "Edm.Guid"), .. System, new("percentcomplete", "Edm.Int32")],
            [new("ownerid", "_ownerid_value", "systemuser"), new("regardingobjectid_account_task", "_regardingobjectid_value", "account"),
             new("regardingobjectid_contact_task", "_regardingobjectid_value", "contact")],
            ChangeTracking: true, "Activity", Owned: true, BaseTable: "activitypointer"),
        // Notes and attachments keep their file in a string column, base64-encoded (documentbody, body), next to its
        // filename, mimetype and filesize. https://learn.microsoft.com/power-apps/developer/data-platform/attachment-annotation-files
        new("annotation", "annotations", "annotationid",
            [new("annotationid", "Edm.Guid"), new("subject", "Edm.String"), new("notetext", "Edm.String"), new("filename", "Edm.String"), new("mimetype", "Edm.String"),
             new("filesize", "Edm.Int32", false, false), new("documentbody", "Edm.String"), new("_objectid_value", "Edm.Guid"), new("_ownerid_value", "Edm.Guid"), .. System],
            [new("objectid_account", "_objectid_value", "account"), new("ownerid", "_ownerid_value", "systemuser")],
            ChangeTracking: true, "Note", Owned: true),
        new("activitymimeattachment", "activitymimeattachments", "activitymimeattachmentid",
            [new("activitymimeattachmentid", "Edm.Guid"), new("filename", "Edm.String"), new("mimetype", "Edm.String"), new("filesize", "Edm.Int32", false, false),
             new("body", "Edm.String"), .. System],
            [], ChangeTracking: true, "Activity", Owned: false),
        new("new_visit", "new_visits", "new_visitid",
            [new("new_visitid", "Edm.Guid"), new("new_name", "Edm.String"), new("_new_accountid_value", "Edm.Guid"), new("_ownerid_value", "Edm.Guid"), .. System],
            [new("new_accountid", "_new_accountid_value", "account"), new("ownerid", "_ownerid_value", "systemuser")],
            ChangeTracking: false, "new_visit", Owned: true),
    ];

    public static EmulatorTable? ByName(string logicalName) => Tables.FirstOrDefault(t => t.LogicalName == logicalName);

    public static EmulatorTable? BySet(string setName) => Tables.FirstOrDefault(t => t.SetName == setName);

    /// <summary>The CSDL document of <c>$metadata</c>.</summary>
    public static string Csdl(string extraColumn = "")
    {
        var xml = new StringBuilder();
        xml.Append("""
            <?xml version="1.0" encoding="utf-8"?>
            <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
              <edmx:Reference Uri="http://vocabularies.odata.org/OData.Community.Keys.V1.xml"><edmx:Include Namespace="OData.Community.Keys.V1" Alias="Keys" /></edmx:Reference>
              <edmx:DataServices>
                <Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm" xmlns="http://docs.oasis-open.org/odata/ns/edm">
                  <EntityType Name="crmbaseentity" Abstract="true" />
                  <ComplexType Name="WhoAmIResponse"><Property Name="BusinessUnitId" Type="Edm.Guid" Nullable="false" /><Property Name="UserId" Type="Edm.Guid" Nullable="false" /><Property Name="OrganizationId" Type="Edm.Guid" Nullable="false" /></ComplexType>
                  <EnumType Name="PrivilegeDepth"><Member Name="Basic" Value="0" /><Member Name="Local" Value="1" /><Member Name="Deep" Value="2" /><Member Name="Global" Value="3" /></EnumType>

            """);
        foreach (var table in Tables)
        {
            var own = table.BaseTable is { } baseName
                ? table.Columns.Where(c => ByName(baseName)!.Column(c.Name) is null).ToList()
                : table.Columns.ToList();
            xml.Append("      <EntityType Name=\"").Append(table.LogicalName).Append("\" BaseType=\"mscrm.").Append(table.BaseTable ?? "crmbaseentity").Append("\">");
            if (table.BaseTable is null)
            {
                xml.Append("<Key><PropertyRef Name=\"").Append(table.Key).Append("\" /></Key>");
            }

            foreach (var column in own)
            {
                xml.Append("<Property Name=\"").Append(column.Name).Append("\" Type=\"").Append(column.EdmType).Append("\" />");
            }

            if (table.LogicalName == "account" && extraColumn.Length > 0)
            {
                xml.Append("<Property Name=\"").Append(extraColumn).Append("\" Type=\"Edm.String\" />");
            }

            var baseNavigations = table.BaseTable is { } b ? ByName(b)!.Navigations : [];
            foreach (var navigation in table.Navigations.Where(n => !baseNavigations.Contains(n)))
            {
                var target = ByName(navigation.Target)!;
                xml.Append("<NavigationProperty Name=\"").Append(navigation.Name).Append("\" Type=\"mscrm.").Append(navigation.Target)
                    .Append("\" Nullable=\"false\" Partner=\"").Append(navigation.Name).Append("_").Append(table.SetName).Append("\">")
                    .Append("<ReferentialConstraint Property=\"").Append(navigation.Column).Append("\" ReferencedProperty=\"").Append(target.Key).Append("\" />")
                    .Append("</NavigationProperty>");
            }

            if (table.LogicalName == "account")
            {
                xml.Append("<NavigationProperty Name=\"contact_customer_accounts\" Type=\"Collection(mscrm.contact)\" Partner=\"parentcustomerid_account\" />");
            }

            xml.Append("</EntityType>\n");
        }

        xml.Append("""
                  <Function Name="WhoAmI"><ReturnType Type="mscrm.WhoAmIResponse" Nullable="false" /></Function>
                  <Function Name="RetrieveUserPrivileges" IsBound="true"><Parameter Name="entity" Type="mscrm.systemuser" Nullable="false" /><ReturnType Type="Collection(Edm.String)" /></Function>
                  <EntityContainer Name="System">

            """);
        foreach (var table in Tables)
        {
            xml.Append("        <EntitySet Name=\"").Append(table.SetName).Append("\" EntityType=\"Microsoft.Dynamics.CRM.").Append(table.LogicalName).Append("\" />\n");
        }

        xml.Append("""
                    <FunctionImport Name="WhoAmI" Function="Microsoft.Dynamics.CRM.WhoAmI" />
                  </EntityContainer>
                  <Annotations Target="Microsoft.Dynamics.CRM.account"><Annotation Term="Org.OData.Core.V1.Description" String="Business that represents a customer." /></Annotations>
                </Schema>
              </edmx:DataServices>
            </edmx:Edmx>
            """);
        return xml.ToString();
    }
}
