using System;
using System.Collections.Generic;

namespace SmartSync.Generator.Tests.Infrastructure;

/// <summary>The named input sets the snapshot and compilation tests run.</summary>
internal static class GeneratorCases
{
    public static readonly IReadOnlyList<string> Names = ["Sample", "Minimal", "ExcludeRelated", "NoDataModel", "Invalid", "Dataverse"];

    public static IReadOnlyList<GeneratorInput> Inputs(string name) => name switch
    {
        "Sample" => [GeneratorInput.Profiles(TestFiles.SampleProfiles), GeneratorInput.DataModel(TestFiles.SampleDataModel)],
        "Minimal" => [GeneratorInput.Profiles(TestFiles.Read("Minimal", "SmartSync.xml")), GeneratorInput.DataModel(TestFiles.Read("Minimal", "model.csdl"), "/project/model.csdl")],
        "ExcludeRelated" => [GeneratorInput.Profiles(TestFiles.Read("ExcludeRelated", "SmartSync.xml")), GeneratorInput.DataModel(TestFiles.SampleDataModel)],
        "NoDataModel" => [GeneratorInput.Profiles(TestFiles.Read("NoDataModel", "SmartSync.xml"))],
        "Invalid" => [GeneratorInput.Profiles(TestFiles.Read("Invalid", "SmartSync.xml")), GeneratorInput.DataModel(TestFiles.SampleDataModel)],
        "Dataverse" => [GeneratorInput.Profiles(TestFiles.Read("Dataverse", "SmartSync.xml")), GeneratorInput.DataModel(TestFiles.Read("Dataverse", "model.csdl"), "/project/crm.csdl")],
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown case"),
    };

    public static TheoryDataOf All()
    {
        var data = new TheoryDataOf();
        foreach (var name in Names)
        {
            data.Add(name);
        }

        return data;
    }
}

/// <summary>xunit theory data of case names.</summary>
internal sealed class TheoryDataOf : Xunit.TheoryData<string>;
