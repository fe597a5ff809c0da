using System;
using System.IO;
using System.Linq;
using SmartSync.Dataverse.Tests.Emulator;
using SmartSync.Definitions.Parsing;

namespace SmartSync.Dataverse.Tests;

/// <summary>The emulator's $metadata: Dataverse-shaped, readable by the runtime's parser, and the model the generator compiles against.</summary>
public sealed class EmulatorMetadataTests
{
    [Fact]
    public void The_checked_in_data_model_is_the_emulators_metadata()
    {
        var path = Path.Combine(RepositoryFolder(), "dataverse.csdl");
        var expected = EmulatorSchema.Csdl();
        if (Environment.GetEnvironmentVariable("SMARTSYNC_UPDATE_CSDL") == "1")
        {
            File.WriteAllText(path, expected);
            return;
        }

        Assert.Equal(expected.ReplaceLineEndings(), File.ReadAllText(path).ReplaceLineEndings());
    }

    [Fact]
    public void The_metadata_keeps_Dataverse_shapes_and_parses()
    {
        var csdl = EmulatorSchema.Csdl();
        Assert.Contains("<Schema Namespace=\"Microsoft.Dynamics.CRM\" Alias=\"mscrm\"", csdl, StringComparison.Ordinal);
        Assert.Contains("<EntityType Name=\"crmbaseentity\" Abstract=\"true\" />", csdl, StringComparison.Ordinal);
        var model = CsdlParser.Parse(csdl, "$metadata").Model!;
        var task = model.Find("task")!;
        Assert.Equal("activitypointer", task.BaseType);
        Assert.Equal("activityid", task.Key);
        Assert.Equal(["parentcustomerid_account", "parentcustomerid_contact"], model.Find("contact")!.Lookups.Where(l => l.ForeignKey == "_parentcustomerid_value").Select(l => l.Name));
    }

    /// <summary>
    /// The test project's source folder, found by walking up from the test binaries (CallerFilePath would not do:
    /// CI builds map source paths to /_/).
    /// </summary>
    private static string RepositoryFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SmartSync.Dataverse.Tests.csproj")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No SmartSync.Dataverse.Tests.csproj above {AppContext.BaseDirectory}.");
    }
}
