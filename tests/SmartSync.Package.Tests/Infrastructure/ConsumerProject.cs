using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace SmartSync.Package.Tests.Infrastructure;

/// <summary>
/// A brand-new console project (<c>dotnet new console</c>) that references the packed SmartSync
/// package, as an app developer would set one up.
/// </summary>
public sealed partial class ConsumerProject
{
    public const string ProjectName = "Consumer";

    private readonly PackageFixture _fixture;

    private ConsumerProject(PackageFixture fixture, string directory)
    {
        _fixture = fixture;
        Directory = directory;
    }

    public string Directory { get; }

    public string ProjectPath => Path.Combine(Directory, ProjectName + ".csproj");

    public static async Task<ConsumerProject> CreateAsync(PackageFixture fixture, string folderName, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(fixture.WorkRoot, folderName);
        var created = await fixture.ConsumerCli.RunAsync(fixture.WorkRoot, cancellationToken, "new", "console", "-n", ProjectName, "-o", directory, "--no-restore");
        Ensure(created);
        var project = new ConsumerProject(fixture, directory);
        var added = await fixture.ConsumerCli.RunAsync(directory, cancellationToken, "add", project.ProjectPath, "package", PackageFixture.PackageId, "--version", fixture.PackageVersion);
        Ensure(added);
        return project;
    }

    /// <summary>Copies a file into the project folder (relative path inside it).</summary>
    public void AddFile(string sourcePath, string relativePath)
    {
        var target = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(sourcePath, target, overwrite: true);
    }

    /// <summary>Adds a property to the project file, as a developer would by hand.</summary>
    public void SetProperty(string name, string value) => EditProject(project =>
        project.Root!.Add(new XElement("PropertyGroup", new XElement(name, value))));

    /// <summary>Adds an AdditionalFiles item with optional metadata.</summary>
    public void AddAdditionalFile(string include, string? smartSyncKind) => EditProject(project =>
    {
        var item = new XElement("AdditionalFiles", new XAttribute("Include", include));
        if (smartSyncKind is not null)
        {
            item.Add(new XAttribute("SmartSyncKind", smartSyncKind));
        }

        project.Root!.Add(new XElement("ItemGroup", item));
    });

    /// <summary>Builds with every warning as an error, as the brief for consumers demands.</summary>
    public Task<CommandResult> BuildAsync(CancellationToken cancellationToken) =>
        _fixture.ConsumerCli.RunAsync(Directory, cancellationToken, "build", ProjectPath, "-c", "Release", "-warnaserror", "-p:TreatWarningsAsErrors=true", "-tl:off", "-nologo");

    public Task<CommandResult> RunBuiltAsync(CancellationToken cancellationToken) =>
        _fixture.ConsumerCli.RunAsync(Directory, cancellationToken, Path.Combine(Directory, "bin", "Release", "net10.0", ProjectName + ".dll"));

    /// <summary>
    /// The distinct SmartSync diagnostics of a build, as "SmartSync.xml(line,col): error SS0005: message":
    /// project-relative file, without the help link and the project suffix MSBuild appends.
    /// </summary>
    public IReadOnlyList<string> SmartSyncDiagnostics(CommandResult build)
    {
        var prefix = Directory + Path.DirectorySeparatorChar;
        return build.OutputLines
            .Select(line => line.Trim())
            .Select(line => line.StartsWith(prefix, StringComparison.Ordinal) ? line.Substring(prefix.Length) : line)
            .Select(line => DiagnosticLine().Match(line))
            .Where(match => match.Success)
            .Select(match => $"{match.Groups["location"].Value}: {match.Groups["severity"].Value} {match.Groups["id"].Value}: {match.Groups["message"].Value}")
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    private void EditProject(Action<XDocument> edit)
    {
        var project = XDocument.Load(ProjectPath);
        edit(project);
        project.Save(ProjectPath);
    }

    private static void Ensure(CommandResult result)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Describe());
        }
    }

    [GeneratedRegex(@"^(?<location>[^:\s]+\(\d+,\d+\)): (?<severity>error|warning|info) (?<id>SS\d{4}): (?<message>.*?)(?: \(https?://[^)\s]*\))?(?: \[[^\]]*\])?$")]
    private static partial Regex DiagnosticLine();
}
