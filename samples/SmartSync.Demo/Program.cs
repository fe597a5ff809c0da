using System;
using System.Linq;
using SmartSync;
using SmartSync.Definitions.Semantics;
using SmartSync.Demo;

// Everything printed here comes from code the generator wrote from SmartSync.xml and crm.csdl.
(SmartSyncProfile Profile, EffectiveEntitySet Entities)[] compiled =
[
    (Profiles.GetTasks, Profiles.GetTasks.CompiledEntities),
    (Profiles.UploadActivities, Profiles.UploadActivities.CompiledEntities),
    (Profiles.SalesPipeline, Profiles.SalesPipeline.CompiledEntities),
    (Profiles.AllButActivities, Profiles.AllButActivities.CompiledEntities),
];

Console.WriteLine($"{Profiles.All.Count} compiled profiles:");
foreach (var (profile, entities) in compiled)
{
    Console.WriteLine($"- {profile.Name} ({profile.Action}, {profile.Method}): {profile.Description}");
    Console.WriteLine($"    entities: {string.Join(", ", entities.Entities)}{(entities.IsComplete ? string.Empty : " (incomplete)")}");
    foreach (var pruned in entities.Pruned)
    {
        Console.WriteLine($"    pruned:   {pruned.Name} by the {pruned.List} list ({pruned.Reason})");
    }

    foreach (var trigger in Profiles.Triggers.Where(t => t.Launch == profile.Name))
    {
        Console.WriteLine($"    trigger:  {trigger.Action}, delay {trigger.DelaySeconds} s");
    }
}

Console.WriteLine($"Global exclusions: {string.Join(", ", Profiles.GlobalExclusions.Select(e => e.Name))}");
Console.WriteLine($"Typed entity names, e.g. EntityNames.Task = \"{EntityNames.Task}\"");

// The module initializer registered the compiled profiles before Main ran.
var catalog = SmartSyncCatalog.Current;
Console.WriteLine($"Registered at start-up: {catalog.Profiles.Count} profiles, {catalog.Triggers.Count} triggers");
return catalog.Profiles.Count == Profiles.All.Count ? 0 : 1;
