using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SmartSync.Analyzers.Usage;
using SmartSync.CodeFixes;
using SmartSync.Generator;

namespace SmartSync.Analyzers.Tests.Infrastructure;

/// <summary>
/// SS0050 and its code fix over C# that calls the real SmartSync runtime, with SmartSync.xml and the demo's
/// crm.csdl as AdditionalFiles and the real source generator producing <c>Profiles</c> (in namespace
/// <c>TestProject</c>, the test project's assembly name).
/// </summary>
internal sealed class UsageCodeFixTest : CSharpCodeFixTest<ProfileNameUsageAnalyzer, UseTypedProfileCodeFixProvider, DefaultVerifier>
{
    public const string Xml = """
        <SmartSyncSetup>
          <SmartSync Name="GetTasks" SyncAction="DownSync"><Entities><Entity Name="task" /></Entities></SmartSync>
          <SmartSync Name="UploadActivities" SyncAction="UpSync"><Entities><Entity Name="task" /><Entity Name="phonecall" /></Entities></SmartSync>
          <SmartSync Name="Broken"><Entities><Entity Name="taks" /></Entities></SmartSync>
        </SmartSyncSetup>
        """;

    public UsageCodeFixTest(string? xml = Xml)
    {
        ReferenceAssemblies = TestReferences.NoPackages;
        TestState.AdditionalReferences.AddRange(TestReferences.All);
        FixedState.AdditionalReferences.AddRange(TestReferences.All);
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        if (xml is not null)
        {
            TestState.AdditionalFiles.Add((TestFiles.XmlPath, xml));
            FixedState.AdditionalFiles.Add((TestFiles.XmlPath, xml));
        }

        TestState.AdditionalFiles.Add((TestFiles.CsdlPath, TestFiles.DemoCsdl));
        FixedState.AdditionalFiles.Add((TestFiles.CsdlPath, TestFiles.DemoCsdl));
    }

    /// <summary>Sets the same code before and after: the fix must not be offered.</summary>
    public string UnchangedCode
    {
        init
        {
            TestCode = value;
            FixedCode = value;
        }
    }

    protected override IEnumerable<Type> GetSourceGenerators() => [typeof(SmartSyncGenerator)];
}
