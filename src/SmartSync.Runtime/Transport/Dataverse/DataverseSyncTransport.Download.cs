using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;
using SmartSync.Transport.Http;

namespace SmartSync.Transport.Dataverse;

// Entity download with change tracking, the fallback for tables without it, and the cleanup key walk.
public sealed partial class DataverseSyncTransport
{
    /// <summary>
    /// The cursor stored for a table without change tracking: there is no delta to resume, so the next run reads the
    /// table in full again (and the cleanup key walk removes what was deleted).
    /// </summary>
    internal const string FullReadCursorPrefix = "smartsync:full-read:";

    /// <inheritdoc />
    /// <remarks>
    /// A first page asks for <c>Prefer: odata.track-changes, odata.maxpagesize=N</c>; later pages follow
    /// <c>@odata.nextLink</c> verbatim; the last page's <c>@odata.deltaLink</c> is the cursor the engine stores with the
    /// page. Delta pages carry <c>$deletedEntity</c> rows, handed to the sink as removals in the same page.
    /// </remarks>
    public async Task<ChangePage> DownloadPageAsync(EntityDownloadRequest request, IRecordSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        var entity = request.Entity;
        if (entity.EntitySetName is null)
        {
            throw new ArgumentException($"'{entity.Name}' has no entity set: it cannot be downloaded.", nameof(request));
        }

        var table = await TableAsync(entity, cancellationToken).ConfigureAwait(false);
        RememberBlobTables(entity);
        var link = request.Link;
        if (link is not null
            && (link.StartsWith(FullReadCursorPrefix, StringComparison.Ordinal) || (!table.ChangeTracking && link.Contains("$deltatoken=", StringComparison.OrdinalIgnoreCase))))
        {
            link = null; // no delta to resume: read the table again
        }

        Uri uri;
        if (link is null)
        {
            uri = new Uri(_base, entity.EntitySetName + "?$select=" + SelectList(entity));
        }
        else
        {
            try
            {
                uri = CheckLink(link, entity.Name);
            }
            catch (SyncPayloadException) when (ReferenceEquals(link, request.Link))
            {
                throw new SyncTokenExpiredException(entity.Name, $"The stored cursor of '{entity.Name}' belongs to another environment; a full download is needed.");
            }
        }

        if (!table.ChangeTracking && request.Link is null)
        {
            DataverseLog.NoChangeTracking(_logger, entity.Name);
        }

        var pageSize = DataverseTransportOptions.EffectivePageSize(request.PageSize).ToString(CultureInfo.InvariantCulture);
        var prefer = (table.ChangeTracking ? "odata.track-changes,odata.maxpagesize=" : "odata.maxpagesize=") + pageSize;
        var polymorphic = PolymorphicColumns(entity);
        if (polymorphic.Count > 0)
        {
            // Which table each polymorphic lookup points at (lookuplogicalname), so an upload binds it without probing.
            prefer += ",odata.include-annotations=\"Microsoft.Dynamics.CRM.lookuplogicalname\"";
        }

        using var response = await SendAsync(
            HttpMethod.Get, uri, entity.Name, message => message.Headers.TryAddWithoutValidation("Prefer", prefer), null, cancellationToken).ConfigureAwait(false);

        var reader = new ODataPageReader(
            EntityPropertyMap.For(entity), sink, _options.MaxStringBytes, deletedEntityRows: true, linkOptional: !table.ChangeTracking,
            lookupTarget: polymorphic.Count == 0 ? null : (column, key, logicalName) => RememberLookupTarget(polymorphic, column, key, logicalName),
            limits: PageLimits.For(_options.MaxPageRows, _options.MaxPageBytes, DataverseTransportOptions.EffectivePageSize(request.PageSize)));
        var stream = await response.Message.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                await reader.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            catch (System.IO.IOException ex)
            {
                // The connection broke mid-page: nothing of this page may be committed.
                throw new TransportUnavailableException($"The connection broke while reading a page of '{entity.Name}'.", ex);
            }
        }

        var next = reader.NextLink is null ? null : CheckLink(reader.NextLink, entity.Name).OriginalString;
        var delta = reader.DeltaLink is null ? null : CheckLink(reader.DeltaLink, entity.Name).OriginalString;
        if (next is null && delta is null)
        {
            delta = FullReadCursorPrefix + entity.EntitySetName;
        }

        DataverseLog.PageRead(_logger, entity.Name, reader.UpsertCount, reader.RemoveCount, next is not null);
        return new ChangePage(next, delta, reader.UpsertCount, reader.RemoveCount);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Walks the table's keys (<c>$select=&lt;key&gt;</c>, paged by <c>@odata.nextLink</c>): Dataverse returns exactly the
    /// rows the user may read now, so a row reassigned away or unshared is missing and the cleanup removes it.
    /// </remarks>
    public async Task<VisibleKeysPage> GetVisibleKeysAsync(EntityTypeDefinition entity, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.EntitySetName is null)
        {
            return new VisibleKeysPage([], null);
        }

        var uri = cursor is null
            ? new Uri(_base, entity.EntitySetName + "?$select=" + Uri.EscapeDataString(entity.RequireKey()))
            : CheckLink(cursor, entity.Name);
        var size = DataverseTransportOptions.EffectivePageSize(pageSize).ToString(CultureInfo.InvariantCulture);
        using var response = await SendAsync(
            HttpMethod.Get, uri, entity.Name, message => message.Headers.TryAddWithoutValidation("Prefer", "odata.maxpagesize=" + size), null, cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = await OpenBodyAsync(response.Message, _options.MaxDocumentBytes, entity.Name, "key page", cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
                {
                    throw new SyncPayloadException(entity.Name, "value", "the key page has no 'value' array");
                }

                var keys = new List<string>(value.GetArrayLength());
                foreach (var row in value.EnumerateArray())
                {
                    if (row.ValueKind != JsonValueKind.Object || !row.TryGetProperty(entity.RequireKey(), out var key) || key.ValueKind != JsonValueKind.String)
                    {
                        throw new SyncPayloadException(entity.Name, "key page", $"a row has no '{entity.Key}'");
                    }

                    keys.Add(key.GetString()!);
                }

                string? next = null;
                if (root.TryGetProperty("@odata.nextLink", out var nextLink) && nextLink.ValueKind == JsonValueKind.String)
                {
                    next = CheckLink(nextLink.GetString()!, entity.Name).OriginalString;
                }

                return new VisibleKeysPage(keys, next);
            }
        }
        catch (JsonException ex)
        {
            throw new SyncPayloadException(entity.Name, "key page", "malformed JSON: " + ex.Message);
        }
    }

    /// <summary>
    /// Every column of the CSDL but files: binary ones (<c>entityimage</c>) and the base64 string that holds a note's or
    /// an attachment's file (up to 128 MB: never a page value). The key is always there.
    /// </summary>
    private static string SelectList(EntityTypeDefinition entity)
    {
        var builder = new StringBuilder();
        foreach (var property in entity.Properties)
        {
            if ((property.EdmType == "Edm.Binary" || DataverseFileColumns.IsFileColumn(entity, property.Name)) && property.Name != entity.Key)
            {
                continue; // a file: images come with their own read, note and attachment files from their $value
            }

            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(Uri.EscapeDataString(property.Name));
        }

        return builder.ToString();
    }
}
