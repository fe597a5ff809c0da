using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartSync.Server.Json;

/// <summary>Source-generated serialization of every wire shape the server writes or reads (no reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(WhoAmIResponse))]
[JsonSerializable(typeof(PermissionsResponse))]
[JsonSerializable(typeof(DeleteLogResponse))]
[JsonSerializable(typeof(BlobPageResponse))]
[JsonSerializable(typeof(MailPageResponse))]
[JsonSerializable(typeof(VisibleKeysResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ConflictListResponse))]
[JsonSerializable(typeof(ShareRequest))]
[JsonSerializable(typeof(PermissionRequest))]
[JsonSerializable(typeof(ResolveRequest))]
[JsonSerializable(typeof(CountersResponse))]
[JsonSerializable(typeof(VersionResponse))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
