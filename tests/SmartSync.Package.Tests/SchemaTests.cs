using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml;
using System.Xml.Schema;
using SmartSync.Package.Tests.Infrastructure;
using Xunit;

namespace SmartSync.Package.Tests;

/// <summary>The XSD shipped in the package accepts what docs/smartsync-xml.md allows and rejects what it does not.</summary>
[Collection(PackageCollection.Name)]
public sealed class SchemaTests
{
    private readonly XmlSchemaSet _schemas;

    public SchemaTests(PackageFixture fixture)
    {
        using var package = ZipFile.OpenRead(fixture.PackagePath);
        using var stream = package.GetEntry("buildTransitive/SmartSync.xsd")!.Open();
        _schemas = new XmlSchemaSet();
        _schemas.Add(null, XmlReader.Create(stream));
        _schemas.Compile();
    }

    [Theory]
    [InlineData("Demo")]
    [InlineData("Valid")]
    public void The_sample_files_are_valid(string folder)
    {
        Assert.Empty(Validate(File.ReadAllText(RepositoryLayout.ConsumerFile(folder, "SmartSync.xml"))));
    }

    [Fact]
    public void Every_attribute_and_value_of_the_spec_is_accepted()
    {
        const string Xml = """
            <SmartSyncSetup>
              <GlobalExclusions><Entity Name="systemuser" /><Entity Name="team" /></GlobalExclusions>
              <AppEntities><Entity Name="account" /><Entity Name="task" /></AppEntities>
              <SmartSync Name="A" SyncAction="UpSync" SyncMethod="Incremental" GlobalExclusions="false" AutoExclusions="false"
                         ExcludedModules="NoPreparation,NoRemoteConflicts NoSyncDeletes , NoEntityImages NoSyncShared NoDocuments NoAttachments NoExchange OnlyCoreModules NoCleanup">
                <Entities Mode="Exclude"><Entity Name="task" WithRelated="true" Deep="true" /></Entities>
                <Description>entities first, then the description</Description>
              </SmartSync>
              <SmartSync Name="_b2" SyncAction="DownSync" SyncMethod="Full" />
              <SmartSync Name="C" SyncAction="UpDownSync" SyncMethod="Default"><Entities Mode="Include" /></SmartSync>
              <Trigger Launch="A" Action="AppStart" />
              <Trigger Launch="_b2" Action="RecordChange" Delay="0" Entity="task" />
              <Trigger Launch="C" Action="PeriodicSync" Delay="300" />
            </SmartSyncSetup>
            """;

        Assert.Empty(Validate(Xml));
    }

    [Theory]
    [InlineData("""<SmartSync Name="A" SyncAction="Downsync" />""", "SyncAction")]
    [InlineData("""<SmartSync Name="A" SyncMethod="Partial" />""", "SyncMethod")]
    [InlineData("""<SmartSync Name="A" GlobalExclusions="True" />""", "GlobalExclusions")]
    [InlineData("""<SmartSync Name="A" AutoExclusions="1" />""", "AutoExclusions")]
    [InlineData("""<SmartSync Name="A" ExcludedModules="NoImages" />""", "ExcludedModules")]
    [InlineData("""<SmartSync Name="9A" />""", "Name")]
    [InlineData("""<SmartSync />""", "Name")]
    [InlineData("""<SmartSync Name="A" Sync="Up" />""", "Sync")]
    [InlineData("""<SmartSync Name="A"><Entities Mode="All" /></SmartSync>""", "Mode")]
    [InlineData("""<SmartSync Name="A"><Entities><Entity Name="task" Deep="yes" /></Entities></SmartSync>""", "Deep")]
    [InlineData("""<SmartSync Name="A"><Entities><Entity Name="my-task" /></Entities></SmartSync>""", "Name")]
    [InlineData("""<SmartSync Name="A"><Entities><Entity /></Entities></SmartSync>""", "Name")]
    [InlineData("""<SmartSync Name="A"><Description /><Description /></SmartSync>""", "Description")]
    [InlineData("""<SmartSync Name="A"><Filter /></SmartSync>""", "Filter")]
    [InlineData("""<SmartSync Name="A" /><SmartSync Name="A" />""", "UniqueProfileName")]
    [InlineData("""<SmartSync Name="A" /><Trigger Launch="B" Action="AppStart" />""", "Keyref")]
    [InlineData("""<SmartSync Name="A" /><Trigger Launch="A" Action="OnResume" />""", "Action")]
    [InlineData("""<SmartSync Name="A" /><Trigger Launch="A" />""", "Action")]
    [InlineData("""<SmartSync Name="A" /><Trigger Launch="A" Action="PeriodicSync" Delay="-5" />""", "Delay")]
    [InlineData("""<SmartSync Name="A" /><Trigger Launch="A" Action="PeriodicSync" Delay="1.5" />""", "Delay")]
    [InlineData("""<Profile Name="A" />""", "Profile")]
    public void Invalid_content_is_reported_naming_the_culprit(string body, string culprit)
    {
        var errors = Validate("<SmartSyncSetup>" + body + "</SmartSyncSetup>");

        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.Contains(culprit, StringComparison.Ordinal));
    }

    [Fact]
    public void Only_SmartSyncSetup_is_a_root()
    {
        Assert.NotEmpty(Validate("""<SmartSync Name="A" />"""));
    }

    private List<string> Validate(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = _schemas };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add(e.Message);
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }
}
