// The consumer program of the package test: it only compiles when the generator ran on the
// SmartSync.xml and crm.csdl next to it, and prints what the generated API exposes.
using System;
using Consumer;
using SmartSync;

Console.WriteLine("GetTasks: " + Profiles.GetTasks.Name + " " + Profiles.GetTasks.Action + " [" + Profiles.GetTasks.ExcludedModules + "]");
foreach (SmartSyncProfile profile in Profiles.All)
{
    Console.WriteLine("profile: " + profile.Name);
}

Console.WriteLine("entity: " + EntityNames.Task + " " + EntityNames.Phonecall);
Console.WriteLine("catalog: " + (SmartSyncCatalog.Compiled.Find("UploadActivities")?.Name ?? "missing"));
