using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Transport.Dataverse;

// Note and attachment files (annotation.documentbody, activitymimeattachment.body): the rows are listed with change
// tracking, each file then streams from its $value and is decoded into the blob spool as it arrives.
// https://learn.microsoft.com/power-apps/developer/data-platform/attachment-annotation-files
public sealed partial class DataverseSyncTransport
{
    /// <summary>
    /// One page of a note or attachment table: <c>$select=&lt;key&gt;,filename,mimetype,filesize</c> (never the file itself).
    /// A row with a file name becomes an item without content; its bytes come from <see cref="CopyBlobContentAsync"/>.
    /// </summary>
    private Task<(string? Next, string? Delta)> ReadAttachmentPageAsync(
        EntityTypeDefinition entity, string? link, int pageSize, List<BlobItem> items, CancellationToken cancellationToken)
    {
        var columns = new StringBuilder();
        foreach (var column in new[] { "filename", "mimetype", "filesize" })
        {
            if (entity.FindProperty(column) is not null)
            {
                columns.Append(columns.Length > 0 ? "," : string.Empty).Append(column);
            }
        }

        return ReadBlobListPageAsync(entity, BlobKind.Attachment, link, columns.ToString(), Math.Clamp(pageSize, 1, DataverseTransportOptions.MaxPageSize), "attachment page", items, (row, id) =>
        {
            if (!row.TryGetProperty("filename", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 } fileName)
            {
                return null; // a note without a file (or whose file was removed): the device drops its copy
            }

            var type = row.TryGetProperty("mimetype", out var mime) && mime.ValueKind == JsonValueKind.String ? mime.GetString() : null;

            // The announced size picks memory or a temporary file for the spool; unknown counts as large.
            var size = row.TryGetProperty("filesize", out var bytes) && bytes.ValueKind == JsonValueKind.Number && bytes.TryGetInt64(out var n) && n >= 0
                ? n
                : DataverseFileColumns.MaxFileBytes;
            return new BlobItem(BlobKind.Attachment, entity.Name + ":" + id, entity.Name, id, fileName, string.IsNullOrEmpty(type) ? "application/octet-stream" : type, null)
            {
                Length = size,
            };
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// A note's or attachment's file: <c>GET &lt;set&gt;(&lt;id&gt;)/&lt;column&gt;/$value</c> answers the base64 text, which is
    /// decoded as it streams into <paramref name="destination"/> (at most 128 MB). False when the row is gone.
    /// </remarks>
    public async Task<bool> CopyBlobContentAsync(BlobItem item, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(destination);
        if (item.Content is not null)
        {
            await destination.WriteAsync(item.Content, cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (item.Kind != BlobKind.Attachment || !_attachmentTables.TryGetValue(item.Entity, out var entity) || DataverseFileColumns.Of(entity) is not { } column)
        {
            throw new NotSupportedException($"Blob '{item.Id}' is not a note or attachment file of a table this run downloaded.");
        }

        var uri = new Uri(RecordUri(entity, item.RecordKey).AbsoluteUri + "/" + column + "/$value");
        using var response = await SendAsync(HttpMethod.Get, uri, entity.Name, null, null, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
        if (response.Message.StatusCode == HttpStatusCode.NotFound)
        {
            return false; // deleted or no longer visible since the page listed it
        }

        if (response.Message.StatusCode == HttpStatusCode.NoContent)
        {
            return true; // the file column is empty
        }

        var body = await response.Message.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            await Base64StreamDecoder.CopyAsync(body, destination, DataverseFileColumns.MaxFileBytes, entity.Name, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
