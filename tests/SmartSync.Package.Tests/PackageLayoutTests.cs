using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using SmartSync.Package.Tests.Infrastructure;
using Xunit;

namespace SmartSync.Package.Tests;

/// <summary>What the packed nupkg and snupkg contain, read from the files dotnet pack wrote.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests
{
    private const string AnalyzerFolder = "analyzers/dotnet/roslyn4.8/cs/";

    private readonly PackageFixture _fixture;

    public PackageLayoutTests(PackageFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void The_package_holds_the_runtime_the_roslyn_components_the_msbuild_files_and_the_schema()
    {
        using var package = ZipFile.OpenRead(_fixture.PackagePath);
        var files = package.Entries
            .Select(e => e.FullName)
            .Where(name => !name.StartsWith("_rels/", StringComparison.Ordinal)
                && !name.StartsWith("package/", StringComparison.Ordinal)
                && name != "[Content_Types].xml")
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(
            [
                "README.md",
                "SmartSync.nuspec",
                AnalyzerFolder + "SmartSync.Analyzers.dll",
                AnalyzerFolder + "SmartSync.CodeFixes.dll",
                AnalyzerFolder + "SmartSync.Definitions.dll",
                AnalyzerFolder + "SmartSync.Generator.dll",
                "buildTransitive/SmartSync.props",
                "buildTransitive/SmartSync.targets",
                "buildTransitive/SmartSync.xsd",
                "lib/net10.0/SmartSync.Definitions.dll",
                "lib/net10.0/SmartSync.Definitions.xml",
                "lib/net10.0/SmartSync.Runtime.dll",
                "lib/net10.0/SmartSync.Runtime.xml",
                "lib/net8.0/SmartSync.Definitions.dll",
                "lib/net8.0/SmartSync.Definitions.xml",
                "lib/net8.0/SmartSync.Runtime.dll",
                "lib/net8.0/SmartSync.Runtime.xml",
                "schema/SmartSync.xsd",
            ],
            files);
    }

    [Fact]
    public void The_nuspec_declares_the_runtime_dependencies_and_the_metadata_without_invented_urls()
    {
        using var package = ZipFile.OpenRead(_fixture.PackagePath);
        using var stream = package.GetEntry("SmartSync.nuspec")!.Open();
        var nuspec = XDocument.Load(stream);
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal("SmartSync", metadata.Element(ns + "id")!.Value);
        Assert.Equal(_fixture.PackageVersion, metadata.Element(ns + "version")!.Value);
        Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
        Assert.Equal("expression", metadata.Element(ns + "license")!.Attribute("type")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value));
        Assert.Contains("source-generator", metadata.Element(ns + "tags")!.Value.Split(' '));
        Assert.Null(metadata.Element(ns + "projectUrl"));
        Assert.Null(metadata.Element(ns + "repository")?.Attribute("url"));

        var groups = metadata.Element(ns + "dependencies")!.Elements(ns + "group")
            .ToDictionary(g => g.Attribute("targetFramework")!.Value, g => g.Elements(ns + "dependency").Select(d => d.Attribute("id")!.Value).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["net10.0", "net8.0"], groups.Keys.Order(StringComparer.Ordinal));
        // Exactly the runtime's own package references: what a consumer needs at run time, nothing more.
        var runtimeProject = XDocument.Load(Path.Combine(RepositoryLayout.Root, "src", "SmartSync.Runtime", "SmartSync.Runtime.csproj"));
        var runtimePackages = runtimeProject.Descendants("PackageReference")
            .Where(r => r.Attribute("PrivateAssets")?.Value != "all")
            .Select(r => r.Attribute("Include")!.Value)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Contains("Microsoft.Data.Sqlite", runtimePackages);
        foreach (var dependencies in groups.Values)
        {
            Assert.Equal(runtimePackages, dependencies);
        }
    }

    [Fact]
    public void The_symbol_package_holds_the_pdbs_of_the_lib_assemblies()
    {
        using var symbols = ZipFile.OpenRead(_fixture.SymbolsPackagePath);
        var pdbs = symbols.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".pdb", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "lib/net10.0/SmartSync.Definitions.pdb",
                "lib/net10.0/SmartSync.Runtime.pdb",
                "lib/net8.0/SmartSync.Definitions.pdb",
                "lib/net8.0/SmartSync.Runtime.pdb",
            ],
            pdbs);
    }

    [Theory]
    [InlineData("SmartSync.Generator.dll")]
    [InlineData("SmartSync.Analyzers.dll")]
    [InlineData("SmartSync.CodeFixes.dll")]
    [InlineData("SmartSync.Definitions.dll")]
    public void Roslyn_components_target_netstandard_and_reference_nothing_newer_than_Roslyn_4_8(string fileName)
    {
        using var package = ZipFile.OpenRead(_fixture.PackagePath);
        using var entry = package.GetEntry(AnalyzerFolder + fileName)!.Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        copy.Position = 0;
        using var pe = new PEReader(copy);
        var reader = pe.GetMetadataReader();
        var references = reader.AssemblyReferences
            .Select(handle => reader.GetAssemblyReference(handle))
            .ToDictionary(r => reader.GetString(r.Name), r => r.Version);

        // netstandard2.0: loads in every compiler host (.NET SDK, Visual Studio on .NET Framework).
        Assert.Contains("netstandard", references.Keys);
        Assert.DoesNotContain("System.Runtime", references.Keys);
        foreach (var (name, version) in references.Where(r => r.Key.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)))
        {
            Assert.True(version <= new Version(4, 8, 0, 0), $"{fileName} references {name} {version}");
        }

        // Everything else must come with the compiler or with the package itself.
        string[] available =
        [
            "netstandard", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp", "Microsoft.CodeAnalysis.Workspaces",
            "Microsoft.CodeAnalysis.CSharp.Workspaces", "System.Collections.Immutable", "System.Composition.AttributedModel",
            "SmartSync.Definitions", "SmartSync.Analyzers",
        ];
        Assert.All(references.Keys, name => Assert.Contains(name, available));
    }
}
