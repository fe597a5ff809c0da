using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace SmartSync.Benchmarks.Harness;

/// <summary>Prints results as Markdown, ready to paste into docs/benchmarks.md.</summary>
public static class ReportWriter
{
    public static string ToMarkdown(IEnumerable<ScenarioResult> results, string command)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, `{command}`, {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, load average at the end {Measurements.LoadAverage()}");
        text.AppendLine();
        foreach (var result in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"### {result.Number}. {result.Title}");
            text.AppendLine();
            text.AppendLine("| measurement | median | target | met | runs / detail |");
            text.AppendLine("|---|---:|---|---|---|");
            foreach (var metric in result.Metrics)
            {
                var decimals = metric.Unit is "×" ? 2 : metric.Unit is "records/s" or "bytes" or "outputs" ? 0 : 1;
                var met = metric.Met switch { true => "yes", false => "**no**", null => string.Empty };
                text.AppendLine(CultureInfo.InvariantCulture, $"| {metric.Name} | {Measurements.Format(metric.Value, decimals)} {metric.Unit} | {metric.Target ?? string.Empty} | {met} | {metric.Detail} |");
            }

            text.AppendLine();
            foreach (var note in result.Notes)
            {
                text.AppendLine("- " + note);
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    public static void Write(TextWriter writer, IEnumerable<ScenarioResult> results, string command) => writer.Write(ToMarkdown(results, command));
}
