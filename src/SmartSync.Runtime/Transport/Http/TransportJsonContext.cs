using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartSync.Transport.Http;

/// <summary>Source-generated (reflection-free, trim- and AOT-safe) JSON metadata of the wire shapes.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WhoAmIWire))]
[JsonSerializable(typeof(PermissionsWire))]
[JsonSerializable(typeof(DeleteLogWire))]
[JsonSerializable(typeof(BlobPageWire))]
[JsonSerializable(typeof(MailPageWire))]
[JsonSerializable(typeof(VisibleKeysWire))]
[JsonSerializable(typeof(ErrorWire))]
internal sealed partial class TransportJsonContext : JsonSerializerContext;
