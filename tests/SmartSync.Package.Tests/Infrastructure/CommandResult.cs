using System.Collections.Generic;
using System.Linq;

namespace SmartSync.Package.Tests.Infrastructure;

/// <summary>What a finished <c>dotnet</c> command returned and printed.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;

    public IReadOnlyList<string> OutputLines =>
        Output.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).ToArray();

    /// <summary>A readable summary for assertion messages.</summary>
    public string Describe() => $"`{CommandLine}` exited with {ExitCode}:\n{Output}";
}
