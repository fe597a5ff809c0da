// The consumer program of the Dataverse package test: it compiles only when the generator read the Dataverse-shaped
// crm.csdl (abstract keyless crmbaseentity, activity inheritance, lookups) and prints what the generated API exposes.
using System;
using Consumer;
using SmartSync;

Console.WriteLine("entity: " + EntityNames.Task + " " + EntityNames.Account + " " + EntityNames.Contact);
Console.WriteLine("app: " + string.Join(" ", Profiles.AppEntities));
Console.WriteLine("GetTasks: " + string.Join(" ", Profiles.GetTasks.CompiledEntities.Entities));
Console.WriteLine("catalog: " + string.Join(" ", SmartSyncCatalog.Compiled.AppEntities ?? default));
