using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Transport.Http;

public sealed partial class HttpSyncTransport
{
    /// <inheritdoc />
    /// <remarks>
    /// One <c>PATCH</c> (upsert) or <c>DELETE</c> per change, in order, both with <c>If-Match</c> when the change
    /// carries the ETag the device saw. The server makes both idempotent, so a change whose response was lost can
    /// be sent again safely.
    /// </remarks>
    public async Task<IReadOnlyList<UploadOutcome>> UploadAsync(EntityTypeDefinition entity, IReadOnlyList<UploadChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(changes);
        if (entity.EntitySetName is null)
        {
            throw new ArgumentException($"'{entity.Name}' has no entity set: it cannot be uploaded.", nameof(entity));
        }

        var map = EntityPropertyMap.For(entity);
        Remember(entity);
        var outcomes = new List<UploadOutcome>(changes.Count);
        foreach (var change in changes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            outcomes.Add(await UploadOneAsync(entity, map, change, cancellationToken).ConfigureAwait(false));
        }

        return outcomes;
    }

    private async Task<UploadOutcome> UploadOneAsync(EntityTypeDefinition entity, EntityPropertyMap map, UploadChange change, CancellationToken cancellationToken)
    {
        var uri = new Uri(_base, "odata/" + entity.EntitySetName + "(" + KeySegment(change.Key, map) + ")");
        var isDelete = change.Operation == UploadOperation.Delete;
        var body = isDelete ? null : JsonRecordValues.Write(change.Values);
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(
                isDelete ? HttpMethod.Delete : HttpMethod.Patch,
                uri,
                entity.Name,
                message =>
                {
                    // Deletes are conditional like updates: a delete never silently wipes a newer server edit.
                    if (change.IfMatch is not null)
                    {
                        message.Headers.TryAddWithoutValidation("If-Match", change.IfMatch);
                    }
                },
                body,
                cancellationToken,
                passThrough: HttpStatusCode.PreconditionFailed).ConfigureAwait(false);
        }
        catch (ServerErrorException ex) when (isDelete && ex.StatusCode == (int)HttpStatusCode.NotFound)
        {
            // Already gone: deleting is idempotent.
            return new UploadOutcome(change.Key, UploadStatus.Applied, null, null, null);
        }
        catch (ServerErrorException ex)
        {
            // Permissions, validation, a record the user cannot see: the change is refused, the run goes on.
            return new UploadOutcome(change.Key, UploadStatus.Rejected, null, null, ex.Message);
        }

        using (response)
        {
            var etag = response.Headers.ETag?.ToString();

            // The body is the server's record: as stored after an upsert (with the values the server filled in),
            // or as it is now on a 412 (also of a delete), so the engine can apply its conflict strategy. A 204 has none.
            var conflict = response.StatusCode == HttpStatusCode.PreconditionFailed;
            var bytes = isDelete && !conflict ? [] : await ReadBoundedAsync(response, _options.MaxDocumentBytes, entity.Name, cancellationToken).ConfigureAwait(false);
            var serverValues = bytes.Length > 0 ? ParseRecord(bytes, map, entity.Name) : null;
            return conflict
                ? new UploadOutcome(change.Key, UploadStatus.Conflict, etag, serverValues, "The record changed on the server since the device's version.")
                : new UploadOutcome(change.Key, UploadStatus.Applied, etag, serverValues, null);
        }
    }

    /// <inheritdoc />
    public async Task<ServerRecord?> GetRecordAsync(EntityTypeDefinition entity, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (entity.EntitySetName is null)
        {
            throw new ArgumentException($"'{entity.Name}' has no entity set.", nameof(entity));
        }

        var map = EntityPropertyMap.For(entity);
        Remember(entity);
        var uri = new Uri(_base, "odata/" + entity.EntitySetName + "(" + KeySegment(key, map) + ")");
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(HttpMethod.Get, uri, entity.Name, null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ServerErrorException ex) when (ex.StatusCode == (int)HttpStatusCode.NotFound)
        {
            return null;
        }

        using (response)
        {
            var bytes = await ReadBoundedAsync(response, _options.MaxDocumentBytes, entity.Name, cancellationToken).ConfigureAwait(false);
            var values = ParseRecord(bytes, map, entity.Name, keepETag: true);
            var etag = values.Remove("@odata.etag", out var annotated) ? annotated as string : null;
            return new ServerRecord(values, response.Headers.ETag?.ToString() ?? etag);
        }
    }

    private static Dictionary<string, object?> ParseRecord(byte[] bytes, EntityPropertyMap map, string entity, bool keepETag = false)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return JsonRecordValues.Read(document.RootElement, map, entity, keepETag);
        }
        catch (JsonException ex)
        {
            throw new SyncPayloadException(entity, "upload response body", "malformed JSON: " + ex.Message);
        }
    }

    /// <summary>The key as an OData key segment: GUIDs and numbers as is, strings quoted.</summary>
    private static string KeySegment(string key, EntityPropertyMap map)
    {
        var kind = map.KeyIndex >= 0 ? map.Kinds[map.KeyIndex] : EdmValueKind.String;
        return kind switch
        {
            EdmValueKind.Guid when Guid.TryParse(key, out var guid) => guid.ToString("D"),
            EdmValueKind.Integer when long.TryParse(key, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
                => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => "'" + Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal)) + "'",
        };
    }
}
