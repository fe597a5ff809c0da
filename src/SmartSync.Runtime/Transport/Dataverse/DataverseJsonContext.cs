using System.Text.Json.Serialization;

namespace SmartSync.Transport.Dataverse;

/// <summary>Source-generated (reflection-free, trim- and AOT-safe) metadata of the Dataverse answers the transport reads.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(WhoAmIResponseWire))]
[JsonSerializable(typeof(SystemUserWire))]
[JsonSerializable(typeof(OrganizationWire))]
[JsonSerializable(typeof(RetrieveVersionWire))]
[JsonSerializable(typeof(RetrieveUserPrivilegesWire))]
[JsonSerializable(typeof(EntityPrivilegesPageWire))]
[JsonSerializable(typeof(EntityDefinitionWire))]
[JsonSerializable(typeof(DataverseErrorWire))]
internal sealed partial class DataverseJsonContext : JsonSerializerContext;
