using System;
using System.Linq;

namespace SmartSync.Dataverse.Tests.Emulator;

// WhoAmI, RetrieveUserPrivileges and table definitions.
public sealed partial class DataverseEmulator
{
    private static readonly string[] PrivilegeTypes = ["Create", "Read", "Write", "Delete", "Assign", "Share", "Append", "AppendTo"];

    private EmulatorResponse WhoAmI(EmulatorUser user) =>
        // WhoAmI function: returns UserId, BusinessUnitId and OrganizationId only, no names.
        // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/whoami
        Json(200, w =>
        {
            w.WriteString("@odata.context", Base + "$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse");
            w.WriteString("BusinessUnitId", BusinessUnitId);
            w.WriteString("UserId", user.Id);
            w.WriteString("OrganizationId", OrganizationId);
        });

    private EmulatorResponse RetrieveUserPrivileges(EmulatorUser caller, Guid userId)
    {
        // RetrieveUserPrivileges function (bound to systemuser): the privileges of the user's roles, with their depth.
        // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/retrieveuserprivileges
        var user = Users.FirstOrDefault(u => u.Id == userId);
        if (user is null)
        {
            return NotFound($"systemuser With Id = {userId} Does Not Exist");
        }

        return Json(200, w =>
        {
            w.WriteString("@odata.context", Base + "$metadata#Microsoft.Dynamics.CRM.RetrieveUserPrivilegesResponse");
            w.WriteStartArray("RolePrivileges");
            foreach (var (name, depth) in user.Privileges)
            {
                w.WriteStartObject();
                w.WriteString("Depth", depth);
                w.WriteString("PrivilegeId", PrivilegeId(name));
                w.WriteString("BusinessUnitId", BusinessUnitId);
                w.WriteString("PrivilegeName", name);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private EmulatorResponse EntityPrivileges() =>
        // Table definitions (EntityMetadata.Privileges): the privileges of each table by type.
        // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query-metadata-web-api
        Json(200, w =>
        {
            w.WriteString("@odata.context", Base + "$metadata#EntityDefinitions(LogicalName,Privileges)");
            w.WriteStartArray("value");
            foreach (var table in EmulatorSchema.Tables)
            {
                w.WriteStartObject();
                w.WriteString("LogicalName", table.LogicalName);
                w.WriteString("MetadataId", PrivilegeId(table.LogicalName));
                w.WriteStartArray("Privileges");
                foreach (var type in PrivilegeTypes)
                {
                    var name = "prv" + type + table.PrivilegeSuffix;
                    w.WriteStartObject();
                    w.WriteBoolean("CanBeBasic", true);
                    w.WriteBoolean("CanBeGlobal", true);
                    w.WriteString("Name", name);
                    w.WriteString("PrivilegeId", PrivilegeId(name));
                    w.WriteString("PrivilegeType", type);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });

    private EmulatorResponse EntityDefinition(string logicalName)
    {
        // Query table definitions: EntitySetName, PrimaryIdAttribute, ChangeTrackingEnabled, and the attributes with
        // IsValidForCreate / IsValidForUpdate (a lookup's attribute is named without the _…_value decoration).
        // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query-metadata-web-api
        var table = EmulatorSchema.ByName(logicalName);
        if (table is null)
        {
            return NotFound($"Could not find an entity with name {logicalName}.");
        }

        return Json(200, w =>
        {
            w.WriteString("@odata.context", Base + "$metadata#EntityDefinitions(LogicalName,EntitySetName,PrimaryIdAttribute,ChangeTrackingEnabled,Attributes(LogicalName,IsValidForCreate,IsValidForUpdate))/$entity");
            w.WriteString("LogicalName", table.LogicalName);
            w.WriteString("EntitySetName", table.SetName);
            w.WriteString("PrimaryIdAttribute", table.Key);
            w.WriteBoolean("ChangeTrackingEnabled", table.ChangeTracking);
            w.WriteString("MetadataId", PrivilegeId(table.LogicalName));
            w.WriteStartArray("Attributes");
            foreach (var column in table.Columns)
            {
                var lookup = column.Name.StartsWith('_') && column.Name.EndsWith("_value", StringComparison.Ordinal);
                w.WriteStartObject();
                w.WriteString("@odata.type", lookup ? "#Microsoft.Dynamics.CRM.LookupAttributeMetadata" : "#Microsoft.Dynamics.CRM.AttributeMetadata");
                w.WriteString("LogicalName", lookup ? column.Name[1..^6] : column.Name);
                w.WriteBoolean("IsValidForCreate", column.Creatable && column.Name != table.Key || column.Name == table.Key);
                w.WriteBoolean("IsValidForUpdate", column.Updatable && column.Name != table.Key);
                w.WriteString("MetadataId", PrivilegeId(table.LogicalName + "." + column.Name));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private static Guid PrivilegeId(string name)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)).AsSpan(0, 16);
        return new Guid(hash);
    }
}
