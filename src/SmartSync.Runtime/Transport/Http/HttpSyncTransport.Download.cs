using System;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Transport.Http;

public sealed partial class HttpSyncTransport
{
    /// <inheritdoc />
    public Task<ChangePage> DownloadPageAsync(EntityDownloadRequest request, IRecordSink sink, CancellationToken cancellationToken) =>
        DownloadAsync(request, sink, "odata/", cancellationToken);

    /// <inheritdoc />
    public Task<ChangePage> DownloadSharedPageAsync(EntityDownloadRequest request, IRecordSink sink, CancellationToken cancellationToken) =>
        DownloadAsync(request, sink, "api/shared/", cancellationToken);

    private async Task<ChangePage> DownloadAsync(EntityDownloadRequest request, IRecordSink sink, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        var entity = request.Entity;
        if (entity.EntitySetName is null)
        {
            throw new ArgumentException($"'{entity.Name}' has no entity set: it cannot be downloaded.", nameof(request));
        }

        var uri = request.Link is null ? new Uri(_base, prefix + entity.EntitySetName + "?$select=" + SelectList(entity)) : Rebase(request.Link, entity.Name);
        var pageSize = request.PageSize > 0 ? request.PageSize : 1000;
        using var response = await SendAsync(
            HttpMethod.Get,
            uri,
            entity.Name,
            message => message.Headers.TryAddWithoutValidation("Prefer", "odata.track-changes, odata.maxpagesize=" + pageSize.ToString(CultureInfo.InvariantCulture)),
            null,
            cancellationToken).ConfigureAwait(false);

        Remember(entity);
        var reader = new ODataPageReader(
            EntityPropertyMap.For(entity), sink, _options.MaxStringBytes, limits: PageLimits.For(_options.MaxPageRows, _options.MaxPageBytes, pageSize));
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
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

        var next = reader.NextLink is null ? null : CheckLink(reader.NextLink, entity.Name).AbsoluteUri;
        var delta = reader.DeltaLink is null ? null : CheckLink(reader.DeltaLink, entity.Name).AbsoluteUri;
        TransportLog.PageRead(_logger, entity.Name, reader.UpsertCount, reader.RemoveCount, next is not null);
        return new ChangePage(next, delta, reader.UpsertCount, reader.RemoveCount);
    }

    /// <summary>
    /// A next/delta link must point at this server: following a link elsewhere would send the bearer token to
    /// whoever wrote the payload.
    /// </summary>
    private Uri CheckLink(string link, string entity)
    {
        if (!Uri.TryCreate(_base, link, out var uri)
            || !string.Equals(uri.Scheme, _base.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(uri.Authority, _base.Authority, StringComparison.OrdinalIgnoreCase)
            || !uri.AbsolutePath.StartsWith(_base.AbsolutePath, StringComparison.Ordinal))
        {
            throw new SyncPayloadException(entity, "link", "a next/delta link points outside the server");
        }

        return uri;
    }

    /// <summary>
    /// A stored cursor link is re-pointed at the configured server (same path and query), so a server that moved
    /// (another port, another host name) keeps the device's cursors, and the token never goes anywhere else.
    /// A link outside the server's path is not a cursor of this server: the entity needs a full download.
    /// </summary>
    private Uri Rebase(string link, string entity)
    {
        if (Uri.TryCreate(link, UriKind.Absolute, out var absolute) && absolute.AbsolutePath.StartsWith(_base.AbsolutePath, StringComparison.Ordinal))
        {
            return new Uri(_base.GetLeftPart(UriPartial.Authority) + absolute.PathAndQuery);
        }

        if (!Uri.TryCreate(link, UriKind.Absolute, out _) && Uri.TryCreate(_base, link, out var relative)
            && relative.AbsolutePath.StartsWith(_base.AbsolutePath, StringComparison.Ordinal))
        {
            return relative;
        }

        throw new SyncTokenExpiredException(entity, $"The stored cursor of '{entity}' does not belong to this server; a full download is needed.");
    }

    private static string SelectList(EntityTypeDefinition entity)
    {
        var builder = new StringBuilder();
        foreach (var property in entity.Properties)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(Uri.EscapeDataString(property.Name));
        }

        return builder.ToString();
    }
}
