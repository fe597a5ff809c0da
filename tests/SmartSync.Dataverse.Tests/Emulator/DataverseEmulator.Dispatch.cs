using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace SmartSync.Dataverse.Tests.Emulator;

// Routing: the Web API's resource paths under /api/data/v9.2/.
public sealed partial class DataverseEmulator
{
    private static readonly Regex RecordPath = new(@"^(?<set>[A-Za-z_0-9]+)\((?<key>[0-9a-fA-F-]{36})\)$", RegexOptions.CultureInvariant);
    private static readonly Regex RawValuePath = new(@"^(?<set>[A-Za-z_0-9]+)\((?<key>[0-9a-fA-F-]{36})\)/(?<column>[a-z_0-9]+)/\$value$", RegexOptions.CultureInvariant);
    private static readonly Regex PrivilegesPath = new(@"^systemusers\((?<key>[0-9a-fA-F-]{36})\)/Microsoft\.Dynamics\.CRM\.RetrieveUserPrivileges(\(\))?$", RegexOptions.CultureInvariant);
    private static readonly Regex DefinitionPath = new(@"^EntityDefinitions\(LogicalName='(?<name>[a-z_0-9]+)'\)$", RegexOptions.CultureInvariant);

    private EmulatorResponse Dispatch(HttpContext context, EmulatorUser user, string body)
    {
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        if (!path.StartsWith(ApiPath, StringComparison.Ordinal))
        {
            return NotFound("Resource not found for the segment '" + path + "'.");
        }

        var resource = Uri.UnescapeDataString(path[ApiPath.Length..]);
        var method = request.Method;
        if (method == "GET" && resource == "$metadata")
        {
            // Web API service documents: the CSDL $metadata document.
            // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/web-api-service-documents
            return new EmulatorResponse(200, Encoding.UTF8.GetBytes(EmulatorSchema.Csdl(ExtraColumn)), "application/xml");
        }

        if (method == "GET" && resource == "WhoAmI")
        {
            return WhoAmI(user);
        }

        if (method == "GET" && resource is "RetrieveVersion" or "RetrieveVersion()")
        {
            // RetrieveVersion function: the version of the Dataverse server.
            // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/retrieveversion
            return Json(200, w => w.WriteString("Version", "9.2.25123.00163"));
        }

        if (method == "GET" && PrivilegesPath.Match(resource) is { Success: true } privileges)
        {
            return RetrieveUserPrivileges(user, Guid.Parse(privileges.Groups["key"].Value));
        }

        if (method == "GET" && resource == "EntityDefinitions")
        {
            return EntityPrivileges();
        }

        if (method == "GET" && DefinitionPath.Match(resource) is { Success: true } definition)
        {
            return EntityDefinition(definition.Groups["name"].Value);
        }

        if (method == "GET" && RawValuePath.Match(resource) is { Success: true } raw && EmulatorSchema.BySet(raw.Groups["set"].Value) is { } rawTable)
        {
            return RawValue(user, rawTable, Guid.Parse(raw.Groups["key"].Value), raw.Groups["column"].Value);
        }

        if (RecordPath.Match(resource) is { Success: true } record && EmulatorSchema.BySet(record.Groups["set"].Value) is { } recordTable)
        {
            var key = Guid.Parse(record.Groups["key"].Value);
            return method switch
            {
                "GET" => GetRecord(context, user, recordTable, key),
                "PATCH" => Upsert(context, user, recordTable, key, body),
                "DELETE" => Delete(context, user, recordTable, key),
                _ => new EmulatorResponse(405),
            };
        }

        if (method == "GET" && EmulatorSchema.BySet(resource) is { } collection)
        {
            return GetCollection(context, user, collection);
        }

        return NotFound("Resource not found for the segment '" + resource + "'.");
    }

    private static EmulatorResponse NotFound(string message) => new(404, EmulatorJson.Error("0x80060888", message));

    private static EmulatorResponse Json(int status, Action<System.Text.Json.Utf8JsonWriter> write)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return new EmulatorResponse(status, buffer.ToArray());
    }

    private string Base => EnvironmentUrl.AbsoluteUri.TrimEnd('/') + ApiPath;

    /// <summary>Whether <paramref name="user"/> holds the table's privilege of <paramref name="type"/> (Read, Create, Write, Delete), and at which depth.</summary>
    private static string? Depth(EmulatorUser user, EmulatorTable table, string type) =>
        user.Privileges.TryGetValue("prv" + type + table.PrivilegeSuffix, out var depth) ? depth : null;

    /// <summary>Row-level security: Basic depth sees owned rows; Global every row; tables without an owner are organization-wide.</summary>
    private static bool CanSee(EmulatorUser user, EmulatorTable table, EmulatorRow row, string type = "Read") =>
        Depth(user, table, type) is { } depth && (!table.Owned || depth == "Global" || row.Owner == user.Id);

    private static EmulatorResponse MissingPrivilege(EmulatorUser user, EmulatorTable table, string type) =>
        new(403, EmulatorJson.Error("0x80040220", $"Principal user (Id={user.Id}, type=8) is missing prv{type}{table.PrivilegeSuffix} privilege on OTC for entity '{table.LogicalName}'."));
}
