using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace SmartSync.Logging;

/// <summary>
/// Collects the human-readable sync log of one run (persisted with the run's history when it
/// ends) and mirrors every line to <see cref="ILogger"/> as it is written.
/// </summary>
internal sealed class SyncLogWriter
{
    private readonly List<string> _lines = new();
    private readonly ILogger _logger;
    private readonly string _run;

    public SyncLogWriter(ILogger logger, string run)
    {
        _logger = logger;
        _run = run;
    }

    public IReadOnlyList<string> Lines => _lines;

    public void Line(string text)
    {
        _lines.Add(text);
        SyncLogMessages.SyncLogLine(_logger, _run, text);
    }
}
