using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SmartSync.Testing.DataverseModels;

namespace SmartSync.Definitions.Tests.Oracle;

/// <summary>The documents both readers read: every CSDL file of the repository, hand-written ones, and a generated Dataverse-shaped corpus.</summary>
internal static class OracleCorpus
{
    public const int GeneratedCount = 240;

    /// <summary>Options for generated document <paramref name="index"/>: seeded, varying every dimension the generator has.</summary>
    public static DataverseModelOptions Generated(int index)
    {
        var random = new Random(1000 + index);
        return new DataverseModelOptions
        {
            Seed = index,
            Tables = random.Next(0, 30),
            PropertiesPerTable = random.Next(0, 16),
            LookupsPerTable = random.Next(0, 5),
            ActivityTables = random.Next(0, 5),
            InheritanceDepth = index % 5,
            UseAlias = index % 2 == 0,
            SecondSchema = index % 3 == 0,
            ComplexTypes = random.Next(0, 4),
            EnumTypes = random.Next(0, 3),
            Functions = random.Next(0, 6),
            Actions = random.Next(0, 6),
            UnstorableProperties = index % 4 != 1,
            Annotations = index % 5 != 2,
            TypeDefinitions = index % 6 != 3,
        };
    }

    /// <summary>Every *.csdl file under the repository root (bin and obj excluded), by relative path.</summary>
    public static IEnumerable<string> RepositoryFiles()
    {
        var root = RepositoryRoot();
        return Directory.EnumerateFiles(root, "*.csdl", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git"))
            .Select(f => Path.GetRelativePath(root, f))
            .OrderBy(f => f, StringComparer.Ordinal);
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SmartSync.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SmartSync.sln not found above " + AppContext.BaseDirectory);
    }
}
