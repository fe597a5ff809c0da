using System;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Transport.Dataverse;

/// <summary>
/// The tables whose file sits in a string column, base64-encoded: a note's <c>annotation.documentbody</c> and an email
/// attachment's <c>activitymimeattachment.body</c>, up to 128 MB each, next to <c>filename</c>, <c>mimetype</c> and
/// <c>filesize</c>. Such a column is never part of a page or an upload body: the file streams from its <c>$value</c>.
/// https://learn.microsoft.com/power-apps/developer/data-platform/attachment-annotation-files
/// </summary>
internal static class DataverseFileColumns
{
    /// <summary>The most a note or attachment file may hold (the largest size an environment can be configured for).</summary>
    public const long MaxFileBytes = 128L * 1024 * 1024;

    /// <summary>The file column of <paramref name="entity"/>, when it is a note or attachment table that has one.</summary>
    public static string? Of(EntityTypeDefinition entity)
    {
        var column = entity.Name switch
        {
            "annotation" => "documentbody",
            "activitymimeattachment" => "body",
            _ => null,
        };
        return column is not null && entity.FindProperty(column) is not null ? column : null;
    }

    public static bool IsFileColumn(EntityTypeDefinition entity, string property) => string.Equals(Of(entity), property, StringComparison.Ordinal);
}
