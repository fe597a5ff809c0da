using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Crm;
using Microsoft.Data.Sqlite;
using SmartSync.Data.Tests.Infrastructure;

namespace SmartSync.Data.Tests;

/// <summary>
/// Every operator of the typed query builder, run by SQLite on a real device database (synced from the
/// reference server). Each test writes its own rows under a unique category and filters on it, so the
/// server's seeded rows never interfere.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class QueryTranslationTests(ServerFixture fixture) : IAsyncLifetime
{
    private readonly string _marker = "q-" + Guid.NewGuid().ToString("N");
    private Device _device = null!;

    private LocalRecordStore Records => _device.Records;

    public async Task InitializeAsync() => _device = await Device.SyncedAsync(fixture.Server);

    public async Task DisposeAsync() => await _device.DisposeAsync();

    [Fact]
    public async Task Equality_and_inequality_follow_csharp_null_semantics()
    {
        await SeedAsync(("one", 1), ("two", 2), ("none", null));

        Assert.Equal(["one"], await SubjectsAsync(t => t.Prioritycode == 1));
        Assert.Equal(["none", "two"], await SubjectsAsync(t => t.Prioritycode != 1));
        Assert.Equal(["none"], await SubjectsAsync(t => t.Prioritycode == null));
        Assert.Equal(["one", "two"], await SubjectsAsync(t => t.Prioritycode != null));
        Assert.Equal(["none"], await SubjectsAsync(t => t.Prioritycode.IsNull()));
        Assert.Equal(["two"], await SubjectsAsync(t => t.Subject == "two"));
        Assert.Equal(["none", "one"], await SubjectsAsync(t => t.Subject != "two"));
    }

    [Fact]
    public async Task Ranges_never_match_nulls_and_in_range_is_half_open()
    {
        await SeedAsync(("p1", 1), ("p2", 2), ("p3", 3), ("none", null));

        Assert.Equal(["p1"], await SubjectsAsync(t => t.Prioritycode < 2));
        Assert.Equal(["p1", "p2"], await SubjectsAsync(t => t.Prioritycode <= 2));
        Assert.Equal(["p3"], await SubjectsAsync(t => t.Prioritycode > 2));
        Assert.Equal(["p2", "p3"], await SubjectsAsync(t => t.Prioritycode >= 2));
        Assert.Equal(["p1", "p2"], await SubjectsAsync(t => t.Prioritycode.InRange(1, 3)));
        Assert.Equal(["p1", "p3"], await SubjectsAsync(t => t.Prioritycode < 2 | t.Prioritycode > 2));
        Assert.Equal(["p2"], await SubjectsAsync(t => !(t.Prioritycode < 2) && !(t.Prioritycode > 2)));
    }

    [Fact]
    public async Task Date_times_compare_as_instants_whatever_offset_they_were_stored_with()
    {
        var utc = new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);
        await CreateAsync("early, +02:00", scheduledEnd: utc.ToOffset(TimeSpan.FromHours(2)).AddHours(-1)); // 09:00Z written as 11:00+02:00
        await CreateAsync("exact, Z", scheduledEnd: utc);
        await CreateAsync("late, -05:00", scheduledEnd: utc.AddHours(1).ToOffset(TimeSpan.FromHours(-5))); // 11:00Z written as 06:00-05:00
        await CreateAsync("no date", scheduledEnd: null);

        Assert.Equal(["early, +02:00"], await SubjectsAsync(t => t.Scheduledend < utc));
        Assert.Equal(["exact, Z"], await SubjectsAsync(t => t.Scheduledend == utc.ToOffset(TimeSpan.FromHours(9))));
        Assert.Equal(["exact, Z", "late, -05:00"], await SubjectsAsync(t => t.Scheduledend >= utc));
        var ordered = await Mine().OrderBy(t => t.Scheduledend).ToListAsync();
        Assert.Equal(["no date", "early, +02:00", "exact, Z", "late, -05:00"], ordered.Select(t => t.Subject!));
        Assert.Equal(utc.AddHours(-1), ordered[1].Scheduledend); // read back as the same instant
    }

    [Fact]
    public async Task Decimals_compare_numerically_and_no_culture_changes_what_is_stored_or_matched()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CommaCulture(); // ',' as the decimal separator, as in de-DE
        try
        {
            var big = new AccountRecord { Name = _marker + " big", Revenue = 10.25m };
            var small = new AccountRecord { Name = _marker + " small", Revenue = 9.5m };
            await Records.CreateAsync(big);
            await Records.CreateAsync(small);

            var mine = Records.Query(AccountRecord.Table).Where(a => a.Name.StartsWith(_marker));
            Assert.Equal([_marker + " big"], (await mine.Where(a => a.Revenue > 10m).ToListAsync()).Select(a => a.Name!));
            Assert.Equal([_marker + " small", _marker + " big"], (await mine.OrderBy(a => a.Revenue).ToListAsync()).Select(a => a.Name!)); // 9.5 < 10.25, not "10.25" < "9.5"
            Assert.Equal(10.25m, (await mine.Where(a => a.Revenue == 10.25m).FirstOrDefaultAsync())!.Revenue);
            await using var connection = new SqliteConnection("Data Source=" + _device.DatabasePath + ";Mode=ReadOnly");
            await connection.OpenAsync();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT revenue FROM account WHERE accountid = $k";
            command.Parameters.AddWithValue("$k", big.Accountid!.Value.ToString("D"));
            Assert.Equal("10.25", command.ExecuteScalar()); // invariant text, not "10,25"
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public async Task Text_equality_and_ordering_are_ordinal_not_cultural()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CommaCulture();
        try
        {
            await CreateAsync("a");
            await CreateAsync("B");
            await CreateAsync("I");

            // Ordinal: upper case sorts before lower case; a culture-aware sort would put "a" first.
            Assert.Equal(["B", "I", "a"], (await Mine().OrderBy(t => t.Subject).ToListAsync()).Select(t => t.Subject!));
            Assert.Empty(await SubjectsAsync(t => t.Subject == "i"));
            Assert.Equal(["a"], await SubjectsAsync(t => t.Subject > "I"));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public async Task In_matches_the_listed_values_and_an_empty_list_matches_nothing()
    {
        await SeedAsync(("p1", 1), ("p2", 2), ("p3", 3), ("none", null));

        Assert.Equal(["p1", "p3"], await SubjectsAsync(t => t.Prioritycode.In(1, 3)));
        Assert.Empty(await SubjectsAsync(t => t.Prioritycode.In(Array.Empty<int>())));
        Assert.Equal(["p2", "p3"], await SubjectsAsync(t => t.Subject.In("p2", "p3", "absent")));
        Assert.Equal(["none", "p1"], await SubjectsAsync(t => t.Prioritycode.In(1) | t.Prioritycode.IsNull()));
    }

    [Fact]
    public async Task StartsWith_and_Contains_take_wildcards_and_the_escape_character_literally()
    {
        foreach (var subject in new[] { "100% done", "100 percent", "a_b", "axb", "back\\slash", "backXslash", "Call mom", "recall" })
        {
            await CreateAsync(subject);
        }

        Assert.Equal(["100% done"], await SubjectsAsync(t => t.Subject.Contains("%")));
        Assert.Equal(["100% done"], await SubjectsAsync(t => t.Subject.StartsWith("100%")));
        Assert.Equal(["a_b"], await SubjectsAsync(t => t.Subject.StartsWith("a_")));
        Assert.Equal(["back\\slash"], await SubjectsAsync(t => t.Subject.Contains("k\\s")));
        Assert.Equal(["Call mom"], await SubjectsAsync(t => t.Subject.StartsWith("call"))); // ASCII case-insensitive, as SQLite LIKE
        Assert.Equal(["Call mom", "recall"], await SubjectsAsync(t => t.Subject.Contains("CALL")));
    }

    [Fact]
    public async Task Ordering_with_nulls_then_by_skip_take_and_count_run_in_sqlite()
    {
        await SeedAsync(("c", 2), ("a", 1), ("b", 2), ("n", null), ("d", 3));

        var ordered = Mine().OrderByDescending(t => t.Prioritycode).ThenBy(t => t.Subject);
        Assert.Equal(["d", "b", "c", "a", "n"], (await ordered.ToListAsync()).Select(t => t.Subject!)); // nulls last when descending
        Assert.Equal(["n", "a", "b", "c", "d"], (await Mine().OrderBy(t => t.Prioritycode).ThenBy(t => t.Subject).ToListAsync()).Select(t => t.Subject!));
        Assert.Equal(["c", "a"], (await ordered.Skip(2).Take(2).ToListAsync()).Select(t => t.Subject!));
        Assert.Equal(["a", "n"], (await ordered.Skip(3).ToListAsync()).Select(t => t.Subject!));
        Assert.Equal(5, await Mine().CountAsync());
        Assert.Equal(2, await ordered.Skip(3).CountAsync());
        Assert.Equal(2, await Mine().Where(t => t.Prioritycode == 2).CountAsync());
        Assert.Equal("d", (await ordered.FirstOrDefaultAsync())!.Subject);
        Assert.Null(await Mine().Where(t => t.Prioritycode == 99).FirstOrDefaultAsync());
    }

    [Fact]
    public async Task Lookups_filter_by_key_use_their_index_and_are_followed_to_the_target_record()
    {
        var account = new AccountRecord { Name = _marker + " account" };
        await Records.CreateAsync(account);
        var reference = new RecordReference<AccountRecord>(account.Accountid!.Value);
        await CreateAsync("regarding", regarding: reference);
        await CreateAsync("unrelated");

        Assert.Equal(["regarding"], await SubjectsAsync(t => t.Regardingobjectid == reference));
        Assert.Equal(["regarding"], await SubjectsAsync(t => t.Regardingobjectid.In([account.Accountid.Value])));
        Assert.Equal(["unrelated"], await SubjectsAsync(t => t.Regardingobjectid == null));
        var task = await Mine().Where(t => t.Subject == "regarding").FirstOrDefaultAsync();
        var followed = await Records.GetAsync(task!.Regardingobjectid!.Value);
        Assert.Equal(_marker + " account", followed!.Name);

        var (sql, parameters) = await Records.TranslateAsync(Records.Query(TaskRecord.Table).Where(t => t.Regardingobjectid == reference).Spec, default);
        await using var connection = new SqliteConnection("Data Source=" + _device.DatabasePath + ";Mode=ReadOnly");
        await connection.OpenAsync();
        using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var reader = explain.ExecuteReader();
        var plan = string.Empty;
        while (reader.Read())
        {
            plan += reader.GetString(3) + "\n";
        }

        Assert.Contains("USING INDEX __ix_task___regardingobjectid_value", plan.Replace("\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_composite_query_translates_to_this_parameterised_sql()
    {
        var from = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var query = Records.Query(TaskRecord.Table)
            .Where(t => t.Statecode == 0 & t.Scheduledend.InRange(from, from.AddDays(7)))
            .Where(t => t.Subject.Contains("50%_") | t.Prioritycode.In(1, 2) | !(t.Category == null))
            .OrderBy(t => t.Scheduledend)
            .ThenByDescending(t => t.Prioritycode)
            .Skip(10)
            .Take(5);

        var (sql, parameters) = await Records.TranslateAsync(query.Spec, default);

        Assert.Equal(
            "SELECT \"activityid\", \"subject\", \"description\", \"scheduledstart\", \"scheduledend\", \"actualdurationminutes\", \"prioritycode\", \"statecode\", " +
            "\"createdon\", \"modifiedon\", \"_ownerid_value\", \"_regardingobjectid_value\", \"percentcomplete\", \"category\", \"__etag\", \"__ver\", \"__state\" " +
            "FROM \"task\" WHERE \"__state\" <> 2 " +
            "AND ((\"statecode\" = $p0 AND (julianday(\"scheduledend\") >= julianday($p1) AND julianday(\"scheduledend\") < julianday($p2)))) " +
            "AND (((\"subject\" LIKE $p3 ESCAPE '\\' OR \"prioritycode\" IN ($p4, $p5)) OR NOT (\"category\" IS NULL))) " +
            "ORDER BY julianday(\"scheduledend\"), \"prioritycode\" DESC, \"activityid\" LIMIT 5 OFFSET 10",
            sql);
        Assert.Equal(
            [0L, "2026-03-02T00:00:00.0000000+00:00", "2026-03-09T00:00:00.0000000+00:00", "%50\\%\\_%", 1L, 2L],
            parameters.Select(p => p.Value));
    }

    [Fact]
    public async Task Rows_deleted_on_the_device_are_never_returned()
    {
        await SeedAsync(("keep", 1), ("drop", 1));
        var drop = await Mine().Where(t => t.Subject == "drop").FirstOrDefaultAsync();

        await Records.DeleteAsync(drop!);

        Assert.Equal(["keep"], await SubjectsAsync(t => t.Prioritycode == 1));
        Assert.Equal(1, await Mine().CountAsync());
    }

    [Fact]
    public async Task Booleans_and_every_value_round_trip_through_generated_read_and_write()
    {
        var appointment = new AppointmentRecord
        {
            Subject = _marker,
            Isalldayevent = true,
            Location = "Zürich",
            Scheduledstart = new DateTimeOffset(2026, 3, 5, 9, 30, 15, 123, TimeSpan.FromHours(1)),
            Actualdurationminutes = 45,
        };
        await Records.CreateAsync(appointment);
        await Records.CreateAsync(new AppointmentRecord { Subject = _marker, Isalldayevent = false });

        var read = await Records.Query(AppointmentRecord.Table).Where(a => a.Subject == _marker & a.Isalldayevent == true).ToListAsync();

        var only = Assert.Single(read);
        Assert.Equal(appointment.Activityid, only.Activityid);
        Assert.Equal("Zürich", only.Location);
        Assert.Equal(appointment.Scheduledstart, only.Scheduledstart);
        Assert.Equal(45, only.Actualdurationminutes);
        Assert.True(only.Version.IsStored);
        Assert.Null(only.Description);
    }

    [Fact]
    public async Task The_untyped_api_runs_on_the_same_machinery_and_pages()
    {
        await SeedAsync(("u1", 1), ("u2", 2), ("u3", 3));

        var page = await Records.Query("task")
            .Where(t => t.Text("category") == _marker & t.Integer("prioritycode") >= 2)
            .OrderBy(t => t["subject"])
            .Take(1)
            .ToListAsync();
        Assert.Equal("u2", Assert.Single(page).Values["subject"]);

        var streamed = 0;
        await foreach (var record in Records.EnumerateAsync("task"))
        {
            streamed++;
            Assert.Equal("task", record.Entity);
        }

        Assert.Equal(await Records.Query("task").CountAsync(), streamed);
        Assert.Throws<ArgumentException>(() => Records.Query("task").Where(t => t.Integer("subject") == 1));
        Assert.Throws<ArgumentException>(() => Records.Query("task").Where(t => t.Text("no_such_column") == "x"));
    }

    /// <summary>A culture whose number format differs from the invariant one (this machine may run without ICU, so no named culture).</summary>
    private static CultureInfo CommaCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        culture.DateTimeFormat.DateSeparator = ".";
        culture.DateTimeFormat.TimeSeparator = "-";
        return culture;
    }

    private RecordQuery<TaskRecord, TaskRecord.TableColumns> Mine() => Records.Query(TaskRecord.Table).Where(t => t.Category == _marker);

    private async Task<string[]> SubjectsAsync(Func<TaskRecord.TableColumns, Filter<TaskRecord>> filter) =>
        (await Mine().Where(filter).OrderBy(t => t.Subject).ToListAsync()).Select(t => t.Subject!).ToArray();

    private async Task SeedAsync(params (string Subject, int? Priority)[] rows)
    {
        foreach (var (subject, priority) in rows)
        {
            await CreateAsync(subject, priority: priority);
        }
    }

    private Task<long> CreateAsync(string subject, int? priority = null, DateTimeOffset? scheduledEnd = null, RecordReference<AccountRecord>? regarding = null) =>
        Records.CreateAsync(new TaskRecord
        {
            Subject = subject,
            Category = _marker,
            Prioritycode = priority,
            Scheduledend = scheduledEnd,
            Regardingobjectid = regarding,
        });
}
