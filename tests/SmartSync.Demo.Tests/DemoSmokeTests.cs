using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Demo;
using Xunit;

namespace SmartSync.Demo.Tests;

/// <summary>
/// The README's first command, in smoke mode: the real embedded server on 127.0.0.1, HTTP, a real SQLite file,
/// the real trigger on the real clock (1 s debounce). Asserts the exit code and the lines that prove each step ran.
/// </summary>
[Collection(DefaultClientCollection.Name)]
public sealed class DemoSmokeTests
{
    [Fact]
    public async Task Smoke_run_exits_0_and_shows_every_step()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var exit = await DemoApp.MainAsync(["--smoke"], DemoApp.PlainConsole(output), live: false, error, timeout.Token);

        var text = output.ToString();
        Assert.True(exit == 0, $"exit {exit}: {error}\n{text}");
        Assert.Empty(error.ToString());
        Assert.Contains("[6/13] EntityDownload", text, StringComparison.Ordinal);
        Assert.Matches(@"Full sync completed: [\d,]+ records in 22 entities", text);
        Assert.Contains("Profiles.GetTasks.RunAsync()", text, StringComparison.Ordinal);
        Assert.Matches(@"Speed-up of the SmartSync: \d+\.\dx", text);
        Assert.Contains("  <SmartSync name='GetTasks'/>", text, StringComparison.Ordinal);
        Assert.Contains("local copy of an edited task now reads: \"Edited on the server for GetTasks\"", text, StringComparison.Ordinal);
        Assert.Contains("  open tasks due this week (typed query, run by SQLite): 2", text, StringComparison.Ordinal);
        Assert.Contains("  edited \"Call Contoso about the renewal (confirmed)\" with client.Records.UpdateAsync", text, StringComparison.Ordinal);
        Assert.Contains("  the live query re-emitted: \"Call Contoso about the renewal (confirmed)\", \"Prepare the quarterly review\"", text, StringComparison.Ordinal);
        Assert.Matches(@"the trigger started UploadActivities once, [\d.]+ s after the first edit: Completed; outbox now 0", text);
        Assert.Contains("Storage report (rows, size, freshness, profiles and exclusions per entity):", text, StringComparison.Ordinal);
        Assert.Matches(@"Entity\s+Rows\s+Bytes\s+Last download\s+Freshness\s+Profiles\s+Exclusion", text);
        Assert.Contains("Demo completed.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_arguments_exit_2_with_the_reason_and_the_usage()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await DemoApp.MainAsync(["--rows", "lots"], DemoApp.PlainConsole(output), live: false, error);

        Assert.Equal(2, exit);
        Assert.Contains("--rows takes a whole number from 30 to 1000000, not 'lots'.", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Usage: dotnet run --project samples/SmartSync.Demo", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_external_server_fails_with_a_clear_message()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        var exit = await DemoApp.MainAsync(["--server", "http://127.0.0.1:9/", "--token", "t"], DemoApp.PlainConsole(output), live: false, error, timeout.Token);

        Assert.Equal(1, exit);
        Assert.StartsWith("Demo failed: the first full sync ended Failed", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--server", "ftp://x" }, "--server takes an http(s) URL")]
    [InlineData(new[] { "--server", "http://127.0.0.1:5080/" }, "--server needs --token")]
    [InlineData(new[] { "--token", "t" }, "--token and --admin-token go with --server")]
    [InlineData(new[] { "--frobnicate" }, "Unknown option '--frobnicate'")]
    [InlineData(new[] { "--rows", "10" }, "--rows takes a whole number from 30 to 1000000, not '10'")]
    public void Option_mistakes_are_named(string[] args, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => DemoOptions.Parse(args));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Smoke_means_tiny_data_unless_rows_are_given()
    {
        Assert.Equal(2000, DemoOptions.Parse([]).Rows);
        Assert.Equal(40, DemoOptions.Parse(["--smoke"]).Rows);
        Assert.Equal(500, DemoOptions.Parse(["--smoke", "--rows", "500"]).Rows);
    }
}
