using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace SmartSync.Transport.Dataverse;

// Dataverse Web API answers the transport reads (PascalCase names as Dataverse writes them), deserialised with the
// source-generated DataverseJsonContext. docs/dataverse.md names the documentation page of each.

internal sealed record WhoAmIResponseWire(Guid UserId, Guid BusinessUnitId, Guid OrganizationId);

internal sealed record SystemUserWire([property: JsonPropertyName("fullname")] string? FullName, [property: JsonPropertyName("domainname")] string? DomainName);

internal sealed record OrganizationWire([property: JsonPropertyName("name")] string? Name);

internal sealed record RetrieveVersionWire(string? Version);

internal sealed record RolePrivilegeWire(string? PrivilegeName, string? Depth);

internal sealed record RetrieveUserPrivilegesWire(List<RolePrivilegeWire>? RolePrivileges);

internal sealed record SecurityPrivilegeWire(string? Name, string? PrivilegeType);

internal sealed record EntityPrivilegesWire(string? LogicalName, List<SecurityPrivilegeWire>? Privileges);

internal sealed record EntityPrivilegesPageWire([property: JsonPropertyName("value")] List<EntityPrivilegesWire>? Value);

internal sealed record AttributeWire(string? LogicalName, bool? IsValidForCreate, bool? IsValidForUpdate);

internal sealed record EntityDefinitionWire(string? LogicalName, string? EntitySetName, string? PrimaryIdAttribute, bool? ChangeTrackingEnabled, List<AttributeWire>? Attributes);

internal sealed record DataverseErrorDetailWire([property: JsonPropertyName("code")] string? Code, [property: JsonPropertyName("message")] string? Message);

internal sealed record DataverseErrorWire([property: JsonPropertyName("error")] DataverseErrorDetailWire? Error);
