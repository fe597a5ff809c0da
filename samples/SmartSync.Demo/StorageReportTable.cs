using System;
using System.Globalization;
using System.Linq;
using Spectre.Console;

namespace SmartSync.Demo;

/// <summary>Renders the storage analyzer's report (docs/runtime.md) as a table.</summary>
internal static class StorageReportTable
{
    public static Table Build(StorageReport report)
    {
        var table = new Table()
            .Border(TableBorder.Simple)
            .AddColumn("Entity")
            .AddColumn(new TableColumn("Rows").RightAligned())
            .AddColumn(new TableColumn("Bytes").RightAligned())
            .AddColumn("Last download")
            .AddColumn("Freshness")
            .AddColumn("Profiles")
            .AddColumn("Exclusion");
        foreach (var entity in report.Entities)
        {
            table.AddRow(
                Markup.Escape(entity.Entity),
                entity.Rows.ToString("N0", CultureInfo.InvariantCulture),
                Bytes(entity.ApproximateBytes),
                entity.LastDownload?.ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "never",
                entity.Freshness is { } age ? Age(age) : "-",
                Markup.Escape(entity.Profiles.Count == 0 ? "-" : string.Join(", ", entity.Profiles)),
                Markup.Escape(entity.Exclusion is { } list ? $"{list}: {entity.ExclusionReason}" : "-"));
        }

        var rows = report.Entities.Sum(e => e.Rows);
        var bytes = report.Entities.Sum(e => e.ApproximateBytes);
        table.Caption(string.Create(
            CultureInfo.InvariantCulture,
            $"{report.Entities.Count} entities, {rows:N0} rows, {Bytes(bytes)}; cleanup debt {report.CleanupDebt}/{report.CleanupDebtLimit} runs"));
        return table;
    }

    private static string Bytes(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture) + " MB",
    };

    private static string Age(TimeSpan age) => age.TotalSeconds < 60
        ? Math.Max(0, age.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture) + " s"
        : age.TotalMinutes.ToString("F0", CultureInfo.InvariantCulture) + " min";
}
