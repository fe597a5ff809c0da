// The opt-out consumer: profiles and model come from explicitly listed AdditionalFiles (with
// SmartSyncKind metadata), generated into the namespace chosen by the SmartSyncNamespace property.
using System;
using System.Linq;
using Contoso.Sync;

Console.WriteLine(typeof(Profiles).FullName + ": " + string.Join(", ", Profiles.All.Select(p => p.Name)));
Console.WriteLine(typeof(EntityNames).FullName + ".Appointment: " + EntityNames.Appointment);
