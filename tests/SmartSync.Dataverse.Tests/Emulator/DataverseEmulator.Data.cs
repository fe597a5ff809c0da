using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace SmartSync.Dataverse.Tests.Emulator;

// Table rows: collection reads with paging and change tracking, single reads, conditional upserts and deletes.
public sealed partial class DataverseEmulator
{
    private static readonly Regex MaxPageSize = new(@"odata\.maxpagesize=(?<n>\d+)", RegexOptions.CultureInvariant);
    private static readonly Regex Cookie = new(@"snapshot=""(?<snapshot>\d+)"" from=""(?<from>-?\d+)"" after=""(?<after>[^""]*)""", RegexOptions.CultureInvariant);
    private static readonly Regex BindPath = new(@"^(?:.*/)?(?<set>[A-Za-z_0-9]+)\((?<key>[0-9a-fA-F-]{36})\)$", RegexOptions.CultureInvariant);

    private EmulatorResponse GetCollection(HttpContext context, EmulatorUser user, EmulatorTable table)
    {
        if (Depth(user, table, "Read") is null)
        {
            return MissingPrivilege(user, table, "Read");
        }

        var query = context.Request.Query;
        if (SelectColumns(table, query["$select"].ToString(), out var columns) is { } badSelect)
        {
            return badSelect;
        }

        var prefer = context.Request.Headers["Prefer"].ToString();
        var tracking = prefer.Contains("odata.track-changes", StringComparison.Ordinal);
        var annotate = prefer.Contains("odata.include-annotations", StringComparison.Ordinal)
            && (prefer.Contains("Microsoft.Dynamics.CRM.lookuplogicalname", StringComparison.Ordinal) || prefer.Contains("\"*\"", StringComparison.Ordinal));
        // Page results: odata.maxpagesize, at most 5,000 rows a page.
        // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results
        var pageSize = MaxPageSize.Match(prefer) is { Success: true } m ? Math.Clamp(int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture), 1, 5000) : 5000;

        if (tracking && !table.ChangeTracking)
        {
            // Change tracking must be enabled per table; the exact answer for a table without it is not documented,
            // so the emulator refuses the request (the transport checks ChangeTrackingEnabled first and never asks).
            // https://learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems
            return new EmulatorResponse(400, EmulatorJson.Error("0x80044351", $"Change tracking is not enabled for the table '{table.LogicalName}'."));
        }

        long snapshot = Store.Version, from = -1;
        string after = string.Empty;
        if (query.ContainsKey("$skiptoken"))
        {
            // A nextLink is opaque and must be used as it is: the emulator accepts only links it issued, byte for byte.
            // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results
            var raw = context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
            if (!_issuedLinks.Contains(raw) || Cookie.Match(query["$skiptoken"].ToString()) is not { Success: true } cookie)
            {
                return new EmulatorResponse(400, EmulatorJson.Error("0x80040203", "The paging cookie is invalid or was altered."));
            }

            snapshot = long.Parse(cookie.Groups["snapshot"].Value, CultureInfo.InvariantCulture);
            from = long.Parse(cookie.Groups["from"].Value, CultureInfo.InvariantCulture);
            after = cookie.Groups["after"].Value;
        }
        else if (query["$deltatoken"].ToString() is { Length: > 0 } deltaToken)
        {
            // Change tracking: a delta token names the version the client has; an expired one (past the retention
            // period) is refused with 0x80044352 and the client must download the table again.
            // https://learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems
            if (!long.TryParse(deltaToken.Split('!')[0], NumberStyles.None, CultureInfo.InvariantCulture, out from))
            {
                return new EmulatorResponse(400, EmulatorJson.Error("0x80040203", "Invalid delta token."));
            }

            if (from < Store.OldestValidToken)
            {
                return new EmulatorResponse(400, EmulatorJson.Error("0x80044352", "Version stamp associated with the client has expired. Please perform a full sync."));
            }
        }

        var select = query["$select"].ToString();
        var page = new List<(EmulatorRow? Row, Guid Key, long Version)>();
        string? nextAfter = null;
        if (from < 0)
        {
            // A first read: every visible row, in key order, up to the snapshot (later changes come with the delta).
            var startAfter = after.Length > 0 ? Guid.Parse(after) : Guid.Empty;
            var rows = Store.Rows(table).Where(r => CanSee(user, table, r) && (after.Length == 0 || r.Key.CompareTo(startAfter) > 0)).OrderBy(r => r.Key).Take(pageSize + 1).ToList();
            page.AddRange(rows.Take(pageSize).Select(r => ((EmulatorRow?)r, r.Key, r.Version)));
            nextAfter = rows.Count > pageSize ? page[^1].Key.ToString("D") : null;
        }
        else
        {
            // A delta: rows changed and rows deleted since the token, in version order. Deleted rows come as
            // $deletedEntity entries whether or not this client ever held them.
            // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/use-change-tracking-synchronize-data-external-systems
            var afterVersion = after.Length > 0 ? long.Parse(after, CultureInfo.InvariantCulture) : from;
            var changes = Store.Rows(table).Where(r => r.Version > afterVersion && r.Version <= snapshot && CanSee(user, table, r)).Select(r => ((EmulatorRow?)r, r.Key, r.Version))
                .Concat(Store.Tombstones.Where(t => t.Table == (table.RowsOf ?? table.LogicalName) && t.Version > afterVersion && t.Version <= snapshot).Select(t => ((EmulatorRow?)null, t.Key, t.Version)))
                .OrderBy(c => c.Item3).Take(pageSize + 1).ToList();
            page.AddRange(changes.Take(pageSize));
            nextAfter = changes.Count > pageSize ? page[^1].Version.ToString(CultureInfo.InvariantCulture) : null;
        }

        if (columns.Any(c => c != table.Key && c != "entityimage"))
        {
            // Records sent, for assertions on what a delta carried (key-only reads of the cleanup walk and image reads are not counted).
            _recordsSent[table.LogicalName] = _recordsSent.GetValueOrDefault(table.LogicalName) + page.Count(p => p.Row is not null);
        }
        var baseLink = Base + table.SetName + "?$select=" + Uri.EscapeDataString(select);
        string? nextLink = null, deltaLink = null;
        if (nextAfter is not null)
        {
            var cookieText = $"<cookie pagenumber=\"2\" snapshot=\"{snapshot}\" from=\"{from}\" after=\"{nextAfter}\" />";
            nextLink = baseLink + "&$skiptoken=" + Uri.EscapeDataString(cookieText);
            _issuedLinks.Add(new Uri(nextLink).PathAndQuery);
        }
        else if (tracking)
        {
            deltaLink = baseLink + "&$deltatoken=" + Uri.EscapeDataString(snapshot.ToString(CultureInfo.InvariantCulture) + "!" + Store.Now.ToString("MM/dd/yyyy HH:mm:ss", CultureInfo.InvariantCulture));
        }

        return Json(200, w =>
        {
            // Change tracking page shape: @odata.context (…/$delta), @odata.deltaLink before the value array, deleted rows
            // as {"@odata.context":"…/$deletedEntity","id":…,"reason":"deleted"}; paging puts @odata.nextLink after it.
            // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/use-change-tracking-synchronize-data-external-systems
            w.WriteString("@odata.context", Base + "$metadata#" + table.SetName + "(" + select + ")" + (tracking ? "/$delta" : string.Empty));
            if (deltaLink is not null)
            {
                w.WriteString("@odata.deltaLink", deltaLink);
            }

            w.WriteStartArray("value");
            foreach (var (row, key, _) in page)
            {
                if (row is null)
                {
                    w.WriteStartObject();
                    w.WriteString("@odata.context", Base + "$metadata#" + table.SetName + "/$deletedEntity");
                    w.WriteString("id", key);
                    w.WriteString("reason", "deleted");
                    w.WriteEndObject();
                }
                else
                {
                    EmulatorJson.WriteRow(w, table, row, columns, annotate ? (column, id) => LookupTable(table, column, id) : null);
                }
            }

            w.WriteEndArray();
            if (nextLink is not null)
            {
                w.WriteString("@odata.nextLink", nextLink);
            }
        });
    }

    /// <summary>The table a lookup value points at: the navigation target of <paramref name="column"/> that holds the row.</summary>
    private string? LookupTable(EmulatorTable table, string column, Guid key) =>
        table.Navigations.Where(n => n.Column == column).Select(n => EmulatorSchema.ByName(n.Target)!).FirstOrDefault(t => Store.Find(t, key) is not null)?.LogicalName;

    private EmulatorResponse GetRecord(HttpContext context, EmulatorUser user, EmulatorTable table, Guid key)
    {
        // Retrieve a table row: the row with @odata.etag, or 404 with "… Does Not Exist".
        // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/retrieve-entity-using-web-api
        var row = Store.Find(table, key);
        if (row is null || !CanSee(user, table, row))
        {
            return new EmulatorResponse(404, EmulatorJson.Error("0x80040217", $"{table.LogicalName} With Id = {key} Does Not Exist"));
        }

        if (SelectColumns(table, context.Request.Query["$select"].ToString(), out var columns) is { } badSelect)
        {
            return badSelect;
        }

        return Single(200, table, row, columns);
    }

    private EmulatorResponse Single(int status, EmulatorTable table, EmulatorRow row, IReadOnlyList<string> columns) =>
        Json(status, w =>
        {
            w.WriteString("@odata.context", Base + "$metadata#" + table.SetName + "/$entity");
            w.WriteString("@odata.etag", row.ETag);
            foreach (var column in columns)
            {
                EmulatorJson.WriteValue(w, column, row.Values.GetValueOrDefault(column));
            }
        });

    private EmulatorResponse Upsert(HttpContext context, EmulatorUser user, EmulatorTable table, Guid key, string body)
    {
        if (table.RowsOf is not null)
        {
            return new EmulatorResponse(400, EmulatorJson.Error("0x80040203", $"Cannot create or update '{table.LogicalName}' directly."));
        }

        var existing = Store.Find(table, key);
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();

        // Upsert a table row: PATCH creates or updates; If-None-Match: * prevents an update (412 when the row exists),
        // If-Match: * prevents a create (404 when it does not).
        // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/update-delete-entities-using-web-api
        if (ifNoneMatch == "*" && existing is not null)
        {
            return new EmulatorResponse(412, EmulatorJson.Error("0x80040237", "A record with matching key values already exists."));
        }

        if (ifMatch.Length > 0 && existing is null)
        {
            return new EmulatorResponse(404, EmulatorJson.Error("0x80040217", $"{table.LogicalName} With Id = {key} Does Not Exist"));
        }

        // Optimistic concurrency: If-Match with the row's ETag; a different version answers 412 with an error, not the row.
        // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api
        if (existing is not null && ifMatch.Length > 0 && ifMatch != "*" && ifMatch != existing.ETag)
        {
            return new EmulatorResponse(412, EmulatorJson.Error("0x80060882", "The version of the existing record doesn't match the RowVersion property provided."));
        }

        var create = existing is null;
        if (create ? Depth(user, table, "Create") is null : !CanSee(user, table, existing!, "Write"))
        {
            return MissingPrivilege(user, table, create ? "Create" : "Write");
        }

        if (Parse(table, body, create) is not { } values)
        {
            return LastParseError!;
        }

        var row = existing ?? Store.Insert(table, key, user.Id);
        foreach (var (column, value) in values)
        {
            row.Values[column] = value;
        }

        // Unchanged values still make an update: the row version moves on every PATCH.
        if (!create)
        {
            Store.Touch(row);
        }

        // return=representation answers the stored row (201 for a create, 200 for an update); without it, 204.
        // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/create-entity-web-api
        var entityId = Base + table.SetName + "(" + key.ToString("D") + ")";
        var response = context.Request.Headers["Prefer"].ToString().Contains("return=representation", StringComparison.Ordinal)
            ? Single(create ? 201 : 200, table, row, table.Columns.Select(c => c.Name).Where(c => c != "entityimage").ToList())
            : new EmulatorResponse(204);
        response.Headers["OData-EntityId"] = entityId;
        return response;
    }

    private EmulatorResponse Delete(HttpContext context, EmulatorUser user, EmulatorTable table, Guid key)
    {
        // Delete a table row: 204; 404 when it does not exist; If-Match with an ETag makes it conditional (412).
        // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api
        var existing = Store.Find(table, key);
        if (existing is null || !CanSee(user, table, existing))
        {
            return new EmulatorResponse(404, EmulatorJson.Error("0x80040217", $"{table.LogicalName} With Id = {key} Does Not Exist"));
        }

        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && ifMatch != "*" && ifMatch != existing.ETag)
        {
            return new EmulatorResponse(412, EmulatorJson.Error("0x80060882", "The version of the existing record doesn't match the RowVersion property provided."));
        }

        if (!CanSee(user, table, existing, "Delete"))
        {
            return MissingPrivilege(user, table, "Delete");
        }

        Store.Delete(table, key);
        return new EmulatorResponse(204);
    }

    private EmulatorResponse? LastParseError { get; set; }

    /// <summary>The body's values by column, or null (with <see cref="LastParseError"/>) when Dataverse would refuse it.</summary>
    private Dictionary<string, object?>? Parse(EmulatorTable table, string body, bool create)
    {
        EmulatorResponse Bad(string message) => LastParseError = new EmulatorResponse(400, EmulatorJson.Error("0x80060888", message));
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Length == 0 ? "{}" : body);
        }
        catch (JsonException ex)
        {
            Bad("The request body is not valid JSON: " + ex.Message);
            return null;
        }

        using (document)
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = property.Name;
                if (name.EndsWith("@odata.bind", StringComparison.Ordinal))
                {
                    // Associate on create/update: "<single-valued navigation>@odata.bind": "/<set>(<id>)"; null removes the reference.
                    // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/associate-disassociate-entities-using-web-api
                    var navigation = table.Navigations.FirstOrDefault(n => n.Name == name[..^"@odata.bind".Length]);
                    if (navigation is null)
                    {
                        Bad($"An undeclared navigation property '{name[..^11]}' was found on type 'Microsoft.Dynamics.CRM.{table.LogicalName}'.");
                        return null;
                    }

                    if (property.Value.ValueKind == JsonValueKind.Null)
                    {
                        values[navigation.Column] = null;
                        continue;
                    }

                    var target = EmulatorSchema.ByName(navigation.Target)!;
                    if (property.Value.ValueKind != JsonValueKind.String || BindPath.Match(property.Value.GetString()!) is not { Success: true } bind || bind.Groups["set"].Value != target.SetName)
                    {
                        Bad($"'{name}' must reference a row of '{target.SetName}' as /{target.SetName}(<id>).");
                        return null;
                    }

                    var id = Guid.Parse(bind.Groups["key"].Value);
                    if (Store.Find(target, id) is null)
                    {
                        LastParseError = new EmulatorResponse(404, EmulatorJson.Error("0x80040217", $"{target.LogicalName} With Id = {id} Does Not Exist"));
                        return null;
                    }

                    values[navigation.Column] = id;
                    continue;
                }

                if (name.Contains('@', StringComparison.Ordinal))
                {
                    continue; // instance annotations carry no data
                }

                var column = table.Column(name);
                if (column is null)
                {
                    Bad($"Could not find a property named '{name}' on type 'Microsoft.Dynamics.CRM.{table.LogicalName}'.");
                    return null;
                }

                if (name.StartsWith('_') && name.EndsWith("_value", StringComparison.Ordinal))
                {
                    // Lookup properties (_x_value) are read-only: a lookup is set through its navigation property.
                    // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/web-api-properties
                    Bad($"The lookup property '{name}' is read-only; set the lookup with its navigation property and @odata.bind.");
                    return null;
                }

                if (name == table.Key)
                {
                    continue;
                }

                // Stricter than Dataverse has to be: a column the attribute definition marks as not valid for this
                // operation (createdon, versionnumber...) is refused, so a transport that sends one is caught.
                if (create ? !column.Creatable : !column.Updatable)
                {
                    Bad($"'{name}' is not valid for {(create ? "create" : "update")}.");
                    return null;
                }

                if (Typed(column, property.Value) is not { } typed)
                {
                    Bad($"'{name}' expects {column.EdmType}; the value is {property.Value.ValueKind}.");
                    return null;
                }

                values[name] = typed.Value;
            }
        }

        return values;
    }

    private static (object? Value, bool Ok)? Typed(EmulatorColumn column, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return (null, true);
        }

        return column.EdmType switch
        {
            "Edm.String" when value.ValueKind == JsonValueKind.String => (value.GetString(), true),
            "Edm.Decimal" when value.ValueKind == JsonValueKind.Number => (value.GetDecimal(), true),
            "Edm.Int32" or "Edm.Int64" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) => (n, true),
            "Edm.Guid" when value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var g) => (g, true),
            "Edm.DateTimeOffset" when value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out _) => (value.GetString(), true),
            "Edm.Boolean" when value.ValueKind is JsonValueKind.True or JsonValueKind.False => (value.GetBoolean(), true),
            "Edm.Binary" when value.ValueKind == JsonValueKind.String && value.TryGetBytesFromBase64(out var bytes) => (bytes, true),
            _ => null,
        };
    }

    private EmulatorResponse? SelectColumns(EmulatorTable table, string select, out List<string> columns)
    {
        columns = [];
        if (select.Length == 0)
        {
            columns.AddRange(table.Columns.Select(c => c.Name));
            return null;
        }

        foreach (var name in select.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (table.Column(name) is null && !(table.LogicalName == "account" && name == ExtraColumn))
            {
                return new EmulatorResponse(400, EmulatorJson.Error("0x80060888", $"Could not find a property named '{name}' on type 'Microsoft.Dynamics.CRM.{table.LogicalName}'."));
            }

            columns.Add(name);
        }

        if (!columns.Contains(table.Key))
        {
            columns.Add(table.Key); // the primary key always comes back
        }

        return null;
    }
}
