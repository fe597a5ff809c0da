using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;
using SmartSync.Transport.Http;

namespace SmartSync.Transport.Dataverse;

// Uploads: conditional upserts and deletes, lookups as @odata.bind, 412 answered with the current record.
public sealed partial class DataverseSyncTransport
{
    private const int MaxRememberedLookupTargets = 100_000;
    private readonly ConcurrentDictionary<(string Entity, string Column, string Key), LookupDefinition> _polymorphicTargets = new();
    private readonly ConcurrentDictionary<string, string> _lookupTargets = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The lookup columns of <paramref name="entity"/> with more than one target table (customer, regarding).</summary>
    private static HashSet<string> PolymorphicColumns(EntityTypeDefinition entity)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var polymorphic = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lookup in entity.Lookups)
        {
            if (lookup.ForeignKey is { } column && !seen.Add(column))
            {
                polymorphic.Add(column);
            }
        }

        return polymorphic;
    }

    /// <summary>Remembers which table a polymorphic lookup's key lives in (bounded: beyond the cap, uploads probe).</summary>
    private void RememberLookupTarget(HashSet<string> polymorphic, string column, string key, string logicalName)
    {
        if (polymorphic.Contains(column) && (_lookupTargets.Count < MaxRememberedLookupTargets || _lookupTargets.ContainsKey(key)))
        {
            _lookupTargets[key] = logicalName;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Changes go up in parallel within the concurrency bound, in waves: a change whose lookup points at a record
    /// created in the same batch waits for that record's wave, so a parent always exists before its child binds to it.
    /// A create is <c>PATCH</c> with <c>If-None-Match: *</c>, an update <c>If-Match: &lt;etag&gt;</c> (<c>*</c> when the
    /// device wins a conflict), a delete <c>DELETE</c> with <c>If-Match: &lt;etag&gt;</c>.
    /// </remarks>
    public async Task<IReadOnlyList<UploadOutcome>> UploadAsync(EntityTypeDefinition entity, IReadOnlyList<UploadChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(changes);
        if (entity.EntitySetName is null)
        {
            throw new ArgumentException($"'{entity.Name}' has no entity set: it cannot be uploaded.", nameof(entity));
        }

        var table = await TableAsync(entity, cancellationToken).ConfigureAwait(false);
        var outcomes = new UploadOutcome?[changes.Count];
        foreach (var wave in Waves(entity, changes))
        {
            var tasks = new Task[wave.Count];
            for (var i = 0; i < wave.Count; i++)
            {
                var index = wave[i];
                tasks[i] = Task.Run(async () => outcomes[index] = await UploadOneAsync(entity, table, changes[index], cancellationToken).ConfigureAwait(false), cancellationToken);
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        // A change left unanswered (its lookup target is not on the server yet) stays queued: the engine sends it again
        // once the other tables went up.
        var answered = new List<UploadOutcome>(changes.Count);
        foreach (var outcome in outcomes)
        {
            if (outcome is not null)
            {
                answered.Add(outcome);
            }
        }

        return answered;
    }

    /// <summary>Groups the changes so that none binds to a record created by a change of the same or a later wave.</summary>
    private static List<List<int>> Waves(EntityTypeDefinition entity, IReadOnlyList<UploadChange> changes)
    {
        var waveOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var waves = new List<List<int>>();
        for (var i = 0; i < changes.Count; i++)
        {
            var wave = 0;
            foreach (var lookup in entity.Lookups)
            {
                if (lookup.ForeignKey is { } column && changes[i].Values.TryGetValue(column, out var value) && value is not null
                    && waveOf.TryGetValue(Convert.ToString(value, CultureInfo.InvariantCulture)!, out var parentWave))
                {
                    wave = Math.Max(wave, parentWave + 1);
                }
            }

            waveOf[changes[i].Key] = Math.Max(wave, waveOf.GetValueOrDefault(changes[i].Key));
            while (waves.Count <= wave)
            {
                waves.Add([]);
            }

            waves[wave].Add(i);
        }

        return waves;
    }

    private async Task<UploadOutcome?> UploadOneAsync(EntityTypeDefinition entity, DataverseTable table, UploadChange change, CancellationToken cancellationToken)
    {
        try
        {
            return change.Operation == UploadOperation.Delete
                ? await DeleteAsync(entity, change, cancellationToken).ConfigureAwait(false)
                : await UpsertAsync(entity, table, change, cancellationToken).ConfigureAwait(false);
        }
        catch (LookupTargetMissingException)
        {
            return null;
        }
        catch (ServerErrorException ex)
        {
            // Permissions, validation, a record the user cannot see: the change is refused, the run goes on.
            return new UploadOutcome(change.Key, UploadStatus.Rejected, null, null, ex.Message);
        }
    }

    private async Task<UploadOutcome?> UpsertAsync(EntityTypeDefinition entity, DataverseTable table, UploadChange change, CancellationToken cancellationToken)
    {
        var create = change.IfMatch is null;
        var targets = await LookupTargetsAsync(entity, change, cancellationToken).ConfigureAwait(false);
        var sets = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var lookup in targets.Values)
        {
            sets[lookup.TargetEntity] = (await TableAsync(lookup.TargetEntity, cancellationToken).ConfigureAwait(false)).EntitySetName;
        }

        var body = DataverseRecordWriter.Write(entity, table, change.Values, create, targets, name => sets.GetValueOrDefault(name));
        var response = await SendAsync(
            HttpMethod.Patch,
            RecordUri(entity, change.Key),
            entity.Name,
            message =>
            {
                // Create only (412 when the key exists), update only with the device's version, or update whatever the version.
                if (create)
                {
                    message.Headers.TryAddWithoutValidation("If-None-Match", "*");
                }
                else
                {
                    message.Headers.TryAddWithoutValidation("If-Match", change.IfMatch);
                }

                message.Headers.TryAddWithoutValidation("Prefer", "return=representation");
            },
            () =>
            {
                var content = new ByteArrayContent(body.Json);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                return content;
            },
            cancellationToken,
            HttpStatusCode.PreconditionFailed,
            HttpStatusCode.NotFound).ConfigureAwait(false);

        var status = response.Message.StatusCode;
        if (status is not (HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed))
        {
            using (response)
            {
                var stored = await ReadRecordAsync(response.Message, entity, cancellationToken).ConfigureAwait(false);
                var etag = response.Message.Headers.ETag?.ToString() ?? stored?.ETag;
                return new UploadOutcome(change.Key, UploadStatus.Applied, etag, stored?.Values, null);
            }
        }

        // The answer is read and its request slot released before the record is fetched: a 412 or 404 that held its slot
        // while waiting for another would deadlock once every slot is held that way (MaxConcurrency 412s at once).
        string? error = null;
        using (response)
        {
            if (status == HttpStatusCode.NotFound)
            {
                (_, error) = await ReadErrorAsync(response.Message, cancellationToken).ConfigureAwait(false);
            }
        }

        if (status == HttpStatusCode.NotFound)
        {
            // A create answers 404 only for a bound record that does not exist; an update also when the record is gone.
            if (create || await FetchRecordAsync(entity, change.Key, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw new LookupTargetMissingException();
            }

            return new UploadOutcome(change.Key, UploadStatus.Rejected, null, null, "The record no longer exists on the server: " + error);
        }

        // Dataverse's 412 carries an error, not the record: fetch the record so the conflict strategy can work.
        var current = await FetchRecordAsync(entity, change.Key, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return new UploadOutcome(change.Key, UploadStatus.Rejected, null, null, "The record was deleted on the server.");
        }

        if (DataverseRecordWriter.Holds(entity, body.Sent, current.Value.Values))
        {
            // The first attempt was applied and its answer lost (the version moved even though nothing differs).
            return new UploadOutcome(change.Key, UploadStatus.Applied, current.Value.ETag, current.Value.Values, null);
        }

        return new UploadOutcome(change.Key, UploadStatus.Conflict, current.Value.ETag, current.Value.Values, "The record changed on the server since the device's version.");
    }

    private async Task<UploadOutcome> DeleteAsync(EntityTypeDefinition entity, UploadChange change, CancellationToken cancellationToken)
    {
        HttpStatusCode status;
        using (var response = await SendAsync(
            HttpMethod.Delete,
            RecordUri(entity, change.Key),
            entity.Name,
            message =>
            {
                // Conditional on the version the device saw, like an update.
                if (change.IfMatch is { } etag && etag != "*")
                {
                    message.Headers.TryAddWithoutValidation("If-Match", etag);
                }
            },
            null,
            cancellationToken,
            HttpStatusCode.PreconditionFailed,
            HttpStatusCode.NotFound).ConfigureAwait(false))
        {
            status = response.Message.StatusCode; // the slot is released before a 412 fetches the record
        }

        if (status == HttpStatusCode.PreconditionFailed)
        {
            var current = await FetchRecordAsync(entity, change.Key, cancellationToken).ConfigureAwait(false);
            return current is null
                ? new UploadOutcome(change.Key, UploadStatus.Applied, null, null, null)
                : new UploadOutcome(change.Key, UploadStatus.Conflict, current.Value.ETag, current.Value.Values, "The record changed on the server since the device's version.");
        }

        // 204, or 404: already gone, which is what the device wanted.
        return new UploadOutcome(change.Key, UploadStatus.Applied, null, null, null);
    }

    /// <summary>
    /// The navigation property of each lookup column of the change. A column with one navigation (the usual case)
    /// takes it; a polymorphic column (<c>parentcustomerid</c> → account or contact) takes the navigation of the
    /// table that holds the referenced row, found once per key and remembered.
    /// </summary>
    private async Task<Dictionary<string, LookupDefinition>> LookupTargetsAsync(EntityTypeDefinition entity, UploadChange change, CancellationToken cancellationToken)
    {
        var byColumn = new Dictionary<string, List<LookupDefinition>>(StringComparer.Ordinal);
        foreach (var lookup in entity.Lookups)
        {
            if (lookup.ForeignKey is { } column)
            {
                if (!byColumn.TryGetValue(column, out var list))
                {
                    byColumn[column] = list = [];
                }

                list.Add(lookup);
            }
        }

        var targets = new Dictionary<string, LookupDefinition>(StringComparer.Ordinal);
        foreach (var (column, candidates) in byColumn)
        {
            if (!change.Values.TryGetValue(column, out var value))
            {
                continue;
            }

            if (candidates.Count == 1 || value is null)
            {
                targets[column] = candidates[0];
                continue;
            }

            var key = Convert.ToString(value, CultureInfo.InvariantCulture)!;
            if (_polymorphicTargets.TryGetValue((entity.Name, column, key), out var known))
            {
                targets[column] = known;
                continue;
            }

            if (_lookupTargets.TryGetValue(key, out var logicalName) && candidates.Find(c => c.TargetEntity == logicalName) is { } annotated)
            {
                targets[column] = annotated; // the download's lookuplogicalname annotation named the table
                continue;
            }

            foreach (var candidate in candidates)
            {
                var target = await TableAsync(candidate.TargetEntity, cancellationToken).ConfigureAwait(false);
                if (target.EntitySetName is null || target.PrimaryId is null)
                {
                    continue;
                }

                var probe = RecordUri(target.EntitySetName, key, "$select=" + Uri.EscapeDataString(target.PrimaryId));
                using var response = await SendAsync(HttpMethod.Get, probe, entity.Name, null, null, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
                if (response.Message.IsSuccessStatusCode)
                {
                    _polymorphicTargets[(entity.Name, column, key)] = candidate;
                    targets[column] = candidate;
                    break;
                }
            }

            if (!targets.ContainsKey(column))
            {
                throw new LookupTargetMissingException();
            }
        }

        return targets;
    }

    /// <inheritdoc />
    public async Task<ServerRecord?> GetRecordAsync(EntityTypeDefinition entity, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (entity.EntitySetName is null)
        {
            return null;
        }

        return await FetchRecordAsync(entity, key, cancellationToken).ConfigureAwait(false) is { } found
            ? new ServerRecord(found.Values, found.ETag)
            : null;
    }

    /// <summary>The record as the server holds it now, or null when it is gone or not visible.</summary>
    private async Task<(string? ETag, Dictionary<string, object?> Values)?> FetchRecordAsync(EntityTypeDefinition entity, string key, CancellationToken cancellationToken)
    {
        var uri = RecordUri(entity, key, "$select=" + SelectList(entity));
        using var response = await SendAsync(HttpMethod.Get, uri, entity.Name, null, null, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
        return response.Message.StatusCode == HttpStatusCode.NotFound ? null : await ReadRecordAsync(response.Message, entity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A record body (<c>return=representation</c>, a single-record GET); columns the local model lacks are ignored.</summary>
    private async Task<(string? ETag, Dictionary<string, object?> Values)?> ReadRecordAsync(HttpResponseMessage response, EntityTypeDefinition entity, CancellationToken cancellationToken)
    {
        using var bytes = new System.IO.MemoryStream();
        var stream = await OpenBodyAsync(response, _options.MaxDocumentBytes, entity.Name, "record", cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await stream.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
        }

        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes.GetBuffer().AsMemory(0, (int)bytes.Length));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SyncPayloadException(entity.Name, "record", "expected a JSON object");
            }

            string? etag = null;
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "@odata.etag" && property.Value.ValueKind == JsonValueKind.String)
                {
                    etag = property.Value.GetString();
                }
                else if (!property.Name.Contains('@', StringComparison.Ordinal) && entity.FindProperty(property.Name) is { } definition)
                {
                    values[property.Name] = JsonRecordValues.Typed(property.Value, definition.Kind, entity.Name, property.Name);
                }
            }

            return (etag, values);
        }
        catch (JsonException ex)
        {
            throw new SyncPayloadException(entity.Name, "record", "malformed JSON: " + ex.Message);
        }
    }

    private Uri RecordUri(EntityTypeDefinition entity, string key, string? query = null) => RecordUri(entity.EntitySetName!, key, query);

    /// <summary>One record's address, the only place keys are written into a URI: GUIDs bare, other keys quoted and escaped.</summary>
    private Uri RecordUri(string entitySetName, string key, string? query = null) =>
        new(_base, entitySetName + "(" + (Guid.TryParse(key, out var guid) ? guid.ToString("D", CultureInfo.InvariantCulture) : "'" + Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal)) + "'") + ")" + (query is null ? string.Empty : "?" + query));

    /// <summary>A lookup of the change points at a record the server does not hold (yet): the change stays queued.</summary>
    private sealed class LookupTargetMissingException : Exception;
}
