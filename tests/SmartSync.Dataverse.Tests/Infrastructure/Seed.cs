using System;
using System.Collections.Generic;
using SmartSync.Dataverse.Tests.Emulator;

namespace SmartSync.Dataverse.Tests.Infrastructure;

/// <summary>Deterministic demo rows: alice and bob own accounts, contacts (with a customer lookup), tasks and visits.</summary>
public static class Seed
{
    public static Guid Key(int table, int n) => Guid.Parse($"{table:x8}-0000-4000-8000-{n:x12}");

    public sealed record Rows(List<Guid> AliceAccounts, List<Guid> BobAccounts, List<Guid> AliceContacts, List<Guid> AliceTasks, List<Guid> AliceVisits);

    public static Rows Apply(DataverseEmulator emulator)
    {
        var rows = new Rows([], [], [], [], []);
        for (var i = 0; i < 7; i++)
        {
            var alice = i % 3 != 2;
            var key = Key(1, i);
            emulator.Put("account", key, alice ? emulator.Alice.Id : emulator.Bob.Id, ("name", "Account " + i), ("revenue", 1000m + i + 0.25m), ("telephone1", "+1 555 01" + i));
            (alice ? rows.AliceAccounts : rows.BobAccounts).Add(key);
        }

        for (var i = 0; i < 4; i++)
        {
            var key = Key(2, i);
            emulator.Put("contact", key, emulator.Alice.Id, ("firstname", "Contact"), ("lastname", "No " + i), ("_parentcustomerid_value", rows.AliceAccounts[i % rows.AliceAccounts.Count]));
            rows.AliceContacts.Add(key);
        }

        for (var i = 0; i < 3; i++)
        {
            var key = Key(3, i);
            emulator.Put("task", key, emulator.Alice.Id, ("subject", "Call " + i), ("percentcomplete", (long)(i * 10)), ("_regardingobjectid_value", rows.AliceAccounts[i]));
            rows.AliceTasks.Add(key);
        }

        for (var i = 0; i < 2; i++)
        {
            var key = Key(4, i);
            emulator.Put("new_visit", key, emulator.Alice.Id, ("new_name", "Visit " + i), ("_new_accountid_value", rows.AliceAccounts[i]));
            rows.AliceVisits.Add(key);
        }

        return rows;
    }
}
