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

// Entity images: each image-enabled table's entityimage column, read with change tracking like its rows.
public sealed partial class DataverseSyncTransport
{
    private const string ImageColumn = "entityimage";
    private readonly ConcurrentDictionary<string, EntityTypeDefinition> _imageTables = new(StringComparer.Ordinal);

    /// <inheritdoc />
    /// <remarks>
    /// Images come table by table: <c>GET &lt;set&gt;?$select=&lt;key&gt;,entityimage</c> with change tracking, so a later run
    /// only reads rows changed since. The cursor (one string for all tables) holds each table's delta link and the
    /// position inside the current pass. Attachment bodies are not downloaded yet; documents live in SharePoint.
    /// </remarks>
    public async Task<BlobPage> GetBlobsAsync(BlobKind kind, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        if (kind == BlobKind.Document)
        {
            throw new PhaseNotSupportedException("documents live in SharePoint, which the Dataverse Web API does not serve");
        }

        if (kind == BlobKind.Attachment)
        {
            throw new PhaseNotSupportedException("the Dataverse transport does not download attachment bodies yet");
        }

        var state = ImageCursor.Parse(cursor);
        if (state.Table is null && state.Pending.Count == 0)
        {
            // A new pass over every image-enabled table this transport downloaded.
            state.Pending.AddRange(_imageTables.Keys.Order(StringComparer.Ordinal));
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

        if (!_imageTables.TryGetValue(state.Table, out var entity))
        {
            state.Table = null; // not part of this process's model any more
            return new BlobPage([], state.ToString(), HasMore: state.Pending.Count > 0);
        }

        var items = new List<BlobItem>();
        string? next, delta;
        try
        {
            (next, delta) = await ReadImagePageAsync(entity, state.Next ?? state.Links.GetValueOrDefault(state.Table), pageSize, items, cancellationToken).ConfigureAwait(false);
        }
        catch (SyncTokenExpiredException)
        {
            state.Links.Remove(state.Table);
            (next, delta) = await ReadImagePageAsync(entity, null, pageSize, items, cancellationToken).ConfigureAwait(false);
        }

        if (next is not null)
        {
            state.Next = next;
        }
        else
        {
            if (delta is null)
            {
                state.Links.Remove(state.Table); // no change tracking: read the images in full next time
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

    /// <summary>Remembers an image-enabled table when its rows are downloaded.</summary>
    private void RememberImages(EntityTypeDefinition entity)
    {
        if (entity.FindProperty(ImageColumn) is { EdmType: "Edm.Binary" } && entity.EntitySetName is not null)
        {
            _imageTables[entity.Name] = entity;
        }
    }

    private async Task<(string? Next, string? Delta)> ReadImagePageAsync(
        EntityTypeDefinition entity, string? link, int pageSize, List<BlobItem> items, CancellationToken cancellationToken)
    {
        var table = await TableAsync(entity, cancellationToken).ConfigureAwait(false);
        var uri = link is null
            ? new Uri(_base, entity.EntitySetName + "?$select=" + Uri.EscapeDataString(entity.RequireKey()) + "," + ImageColumn)
            : CheckLink(link, entity.Name);
        // Images are small (144×144) but not tiny: a smaller page keeps one page's bodies modest.
        var size = Math.Clamp(pageSize, 1, 100).ToString(CultureInfo.InvariantCulture);
        var prefer = table.ChangeTracking ? "odata.track-changes,odata.maxpagesize=" + size : "odata.maxpagesize=" + size;
        using var response = await SendAsync(
            HttpMethod.Get, uri, entity.Name, message => message.Headers.TryAddWithoutValidation("Prefer", prefer), null, cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = await OpenBodyAsync(response.Message, _options.MaxDocumentBytes, entity.Name, "image page", cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
                {
                    throw new SyncPayloadException(entity.Name, "value", "the image page has no 'value' array");
                }

                foreach (var row in value.EnumerateArray())
                {
                    if (row.ValueKind == JsonValueKind.Object && row.TryGetProperty(entity.RequireKey(), out var key) && key.ValueKind == JsonValueKind.String
                        && row.TryGetProperty(ImageColumn, out var image) && image.ValueKind == JsonValueKind.String && image.TryGetBytesFromBase64(out var bytes))
                    {
                        var id = key.GetString()!;
                        items.Add(new BlobItem(BlobKind.EntityImage, entity.Name + ":" + id, entity.Name, id, id + ".jpg", "image/jpeg", bytes));
                    }
                }

                string? Link(string name) =>
                    root.TryGetProperty(name, out var found) && found.ValueKind == JsonValueKind.String ? CheckLink(found.GetString()!, entity.Name).OriginalString : null;
                return (Link("@odata.nextLink"), Link("@odata.deltaLink"));
            }
        }
        catch (JsonException ex)
        {
            throw new SyncPayloadException(entity.Name, "image page", "malformed JSON: " + ex.Message);
        }
    }

    /// <summary>The images cursor: each table's delta link, the tables left in this pass, and the current table's next link.</summary>
    private sealed class ImageCursor
    {
        public Dictionary<string, string> Links { get; } = new(StringComparer.Ordinal);

        public List<string> Pending { get; } = [];

        public string? Table { get; set; }

        public string? Next { get; set; }

        public static ImageCursor Parse(string? text)
        {
            var cursor = new ImageCursor();
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
                return new ImageCursor();
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
