using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Transport.Dataverse;

// Entity images: each image-enabled table's entityimage column (a 144×144 thumbnail, base64), read with change
// tracking like its rows. https://learn.microsoft.com/power-apps/developer/data-platform/image-column-data
public sealed partial class DataverseSyncTransport
{
    private const string ImageColumn = "entityimage";
    private readonly ConcurrentDictionary<string, EntityTypeDefinition> _imageTables = new(StringComparer.Ordinal);

    private Task<(string? Next, string? Delta)> ReadImagePageAsync(
        EntityTypeDefinition entity, string? link, int pageSize, List<BlobItem> items, CancellationToken cancellationToken) =>
        // Images are small (144×144) but not tiny: a smaller page keeps one page's bodies modest.
        ReadBlobListPageAsync(entity, BlobKind.EntityImage, link, ImageColumn, Math.Clamp(pageSize, 1, 100), "image page", items, (row, id) =>
            row.TryGetProperty(ImageColumn, out var image) && image.ValueKind == JsonValueKind.String && image.TryGetBytesFromBase64(out var bytes)
                ? new BlobItem(BlobKind.EntityImage, entity.Name + ":" + id, entity.Name, id, id + ".jpg", "image/jpeg", bytes)
                : null, // no image (or cleared): the device drops its copy
            cancellationToken);
}
