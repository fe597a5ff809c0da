using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Transport.Dataverse;

// The blob phases (images, attachments): a pass over the tables of a kind that the run downloaded, one page at a time,
// with one cursor per kind holding each table's delta link.
public sealed partial class DataverseSyncTransport
{
    private readonly ConcurrentDictionary<string, EntityTypeDefinition> _attachmentTables = new(StringComparer.Ordinal);

    /// <inheritdoc />
    /// <remarks>
    /// Images and attachments come table by table: <c>GET &lt;set&gt;?$select=…</c> with change tracking, so a later run
    /// only reads rows changed since. The cursor (one string for all tables of a kind) holds each table's delta link and
    /// the position inside the current pass. Images come inside the page; an attachment's file streams from its own
    /// <c>$value</c> (<see cref="CopyBlobContentAsync"/>). Documents live in SharePoint.
    /// </remarks>
    public Task<BlobPage> GetBlobsAsync(BlobKind kind, string? cursor, int pageSize, CancellationToken cancellationToken) => kind switch
    {
        BlobKind.EntityImage => WalkBlobTablesAsync(_imageTables, cursor, (entity, link, items) => ReadImagePageAsync(entity, link, pageSize, items, cancellationToken)),
        BlobKind.Attachment => WalkBlobTablesAsync(_attachmentTables, cursor, (entity, link, items) => ReadAttachmentPageAsync(entity, link, pageSize, items, cancellationToken)),
        _ => throw new PhaseNotSupportedException("documents live in SharePoint, which the Dataverse Web API does not serve"),
    };

    /// <summary>One page of the current table of a pass over <paramref name="tables"/>, moving the cursor on.</summary>
    private static async Task<BlobPage> WalkBlobTablesAsync(
        ConcurrentDictionary<string, EntityTypeDefinition> tables,
        string? cursor,
        Func<EntityTypeDefinition, string?, List<BlobItem>, Task<(string? Next, string? Delta)>> readPage)
    {
        var state = BlobTablesCursor.Parse(cursor);
        if (state.Table is null && state.Pending.Count == 0)
        {
            // A new pass over every table of this kind the transport downloaded.
            state.Pending.AddRange(tables.Keys.Order(StringComparer.Ordinal));
        }

        if (state.Table is null)
        {
            if (state.Pending.Count == 0)
            {
                return new BlobPage([], state.ToString(), HasMore: false);
            }

            state.Table = state.Pending[0];
            state.Pending.RemoveAt(0);
        }

        if (!tables.TryGetValue(state.Table, out var entity))
        {
            state.Table = null; // not part of this process's model any more
            return new BlobPage([], state.ToString(), HasMore: state.Pending.Count > 0);
        }

        var items = new List<BlobItem>();
        string? next, delta;
        try
        {
            (next, delta) = await readPage(entity, state.Next ?? state.Links.GetValueOrDefault(state.Table), items).ConfigureAwait(false);
        }
        catch (SyncTokenExpiredException)
        {
            state.Links.Remove(state.Table);
            state.Next = null;
            items.Clear();
            (next, delta) = await readPage(entity, null, items).ConfigureAwait(false);
        }

        if (next is not null)
        {
            state.Next = next;
        }
        else
        {
            if (delta is null)
            {
                state.Links.Remove(state.Table); // no change tracking: read the table in full next time
            }
            else
            {
                state.Links[state.Table] = delta;
            }

            state.Table = null;
            state.Next = null;
        }

        return new BlobPage(items, state.ToString(), HasMore: state.Table is not null || state.Pending.Count > 0);
    }

    /// <summary>Remembers an image-enabled table, or a table of note or attachment files, when its rows are downloaded.</summary>
    private void RememberBlobTables(EntityTypeDefinition entity)
    {
        if (entity.EntitySetName is null)
        {
            return;
        }

        if (entity.FindProperty(ImageColumn) is { EdmType: "Edm.Binary" })
        {
            _imageTables[entity.Name] = entity;
        }

        if (DataverseFileColumns.Of(entity) is not null)
        {
            _attachmentTables[entity.Name] = entity;
        }
    }

    /// <summary>
    /// One page of a table's rows for a blob kind: <c>GET &lt;set&gt;?$select=&lt;key&gt;,&lt;columns&gt;</c>, with change tracking
    /// where the table has it. <paramref name="toItem"/> turns each row into its blob, or null when the row has none. A row
    /// without a blob, and a <c>$deletedEntity</c> row, becomes a removal: a file taken off a note, or an image cleared,
    /// leaves the device while the row stays (the row's own deletion already takes its blobs, docs/dataverse.md).
    /// </summary>
    private async Task<(string? Next, string? Delta)> ReadBlobListPageAsync(
        EntityTypeDefinition entity, BlobKind kind, string? link, string columns, int pageSize, string what, List<BlobItem> items, Func<JsonElement, string, BlobItem?> toItem, CancellationToken cancellationToken)
    {
        var table = await TableAsync(entity, cancellationToken).ConfigureAwait(false);
        var uri = link is null
            ? new Uri(_base, entity.EntitySetName + "?$select=" + Uri.EscapeDataString(entity.RequireKey()) + "," + columns)
            : CheckLink(link, entity.Name);
        var size = pageSize.ToString(CultureInfo.InvariantCulture);
        var prefer = table.ChangeTracking ? "odata.track-changes,odata.maxpagesize=" + size : "odata.maxpagesize=" + size;
        using var response = await SendAsync(
            HttpMethod.Get, uri, entity.Name, message => message.Headers.TryAddWithoutValidation("Prefer", prefer), null, cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = await OpenBodyAsync(response.Message, _options.MaxDocumentBytes, entity.Name, what, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
                {
                    throw new SyncPayloadException(entity.Name, "value", $"the {what} has no 'value' array");
                }

                foreach (var row in value.EnumerateArray())
                {
                    if (row.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    if (row.TryGetProperty(entity.RequireKey(), out var key) && key.ValueKind == JsonValueKind.String)
                    {
                        var id = key.GetString()!;
                        items.Add(toItem(row, id) ?? Removal(kind, entity, id));
                    }
                    else if (row.TryGetProperty("id", out var deleted) && deleted.ValueKind == JsonValueKind.String)
                    {
                        // {"@odata.context":"…/$deletedEntity","id":"<key>","reason":"deleted"}
                        items.Add(Removal(kind, entity, deleted.GetString()!));
                    }
                }

                string? Link(string name) =>
                    root.TryGetProperty(name, out var found) && found.ValueKind == JsonValueKind.String ? CheckLink(found.GetString()!, entity.Name).OriginalString : null;
                return (Link("@odata.nextLink"), Link("@odata.deltaLink"));
            }
        }
        catch (JsonException ex)
        {
            throw new SyncPayloadException(entity.Name, what, "malformed JSON: " + ex.Message);
        }
    }

    private static BlobItem Removal(BlobKind kind, EntityTypeDefinition entity, string id) =>
        new(kind, entity.Name + ":" + id, entity.Name, id, string.Empty, string.Empty, null) { Removed = true };

    /// <summary>The cursor of a blob kind (images, attachments): each table's delta link, the tables left in this pass, and the current table's next link.</summary>
    private sealed class BlobTablesCursor
    {
        public Dictionary<string, string> Links { get; } = new(StringComparer.Ordinal);

        public List<string> Pending { get; } = [];

        public string? Table { get; set; }

        public string? Next { get; set; }

        public static BlobTablesCursor Parse(string? text)
        {
            var cursor = new BlobTablesCursor();
            if (string.IsNullOrEmpty(text))
            {
                return cursor;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                if (root.TryGetProperty("links", out var links) && links.ValueKind == JsonValueKind.Object)
                {
                    foreach (var link in links.EnumerateObject())
                    {
                        if (link.Value.ValueKind == JsonValueKind.String)
                        {
                            cursor.Links[link.Name] = link.Value.GetString()!;
                        }
                    }
                }

                if (root.TryGetProperty("pending", out var pending) && pending.ValueKind == JsonValueKind.Array)
                {
                    cursor.Pending.AddRange(pending.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!));
                }

                cursor.Table = root.TryGetProperty("table", out var table) && table.ValueKind == JsonValueKind.String ? table.GetString() : null;
                cursor.Next = root.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            }
            catch (JsonException)
            {
                // Not a cursor of this transport: start over (the images come again, nothing is lost).
                return new BlobTablesCursor();
            }

            return cursor;
        }

        public override string ToString()
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteStartObject("links");
                foreach (var (table, link) in Links)
                {
                    writer.WriteString(table, link);
                }

                writer.WriteEndObject();
                writer.WriteStartArray("pending");
                foreach (var table in Pending)
                {
                    writer.WriteStringValue(table);
                }

                writer.WriteEndArray();
                if (Table is not null)
                {
                    writer.WriteString("table", Table);
                }

                if (Next is not null)
                {
                    writer.WriteString("next", Next);
                }

                writer.WriteEndObject();
            }

            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
