using System;
using System.Globalization;
using System.Threading.Tasks;
using Spectre.Console;

namespace SmartSync.Demo;

/// <summary>
/// Shows a run's progress: a live bar on a terminal, plain lines (one per phase, one per downloaded entity)
/// when the output is redirected, e.g. in CI. Reports arrive on the sync's thread, so they are only recorded
/// under a lock here; the live display polls them.
/// </summary>
internal sealed class SyncProgressView : IProgress<SyncProgress>
{
    private readonly IAnsiConsole _console;
    private readonly bool _live;
    private readonly object _gate = new();
    private SyncProgress? _latest;
    private string? _plainPhase;
    private (string Entity, int Items)? _plainEntity;

    public SyncProgressView(IAnsiConsole console, bool live)
    {
        _console = console;
        _live = live;
    }

    public void Report(SyncProgress value)
    {
        lock (_gate)
        {
            _latest = value;
            if (!_live)
            {
                WritePlain(value);
            }
        }
    }

    /// <summary>Displays progress until <paramref name="run"/> completes, and returns its result.</summary>
    public async Task<SyncResult> ShowAsync(string title, Task<SyncResult> run)
    {
        if (!_live)
        {
            var result = await run.ConfigureAwait(false);
            lock (_gate)
            {
                FlushEntity();
            }

            return result;
        }

        return await _console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(100)).ConfigureAwait(false);
                    SyncProgress? latest;
                    lock (_gate)
                    {
                        latest = _latest;
                    }

                    if (latest is { PhaseCount: > 0 })
                    {
                        task.MaxValue = latest.PhaseCount;
                        task.Value = latest.PhaseIndex;
                        task.Description = Markup.Escape(string.Create(
                            CultureInfo.InvariantCulture,
                            $"{title}: {latest.Phase}{(latest.Entity is null ? string.Empty : " " + latest.Entity)} {latest.Items:N0}"));
                    }
                }

                task.Value = task.MaxValue;
                task.Description = Markup.Escape(title);
                return await run.ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private void WritePlain(SyncProgress value)
    {
        if (value.Phase != _plainPhase)
        {
            FlushEntity();
            _plainPhase = value.Phase;
            _console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{value.PhaseIndex + 1}/{value.PhaseCount}] {value.Phase}"));
        }

        if (value.Entity is { } entity)
        {
            if (_plainEntity is { } current && current.Entity != entity)
            {
                FlushEntity();
            }

            _plainEntity = (entity, value.Items);
        }
    }

    private void FlushEntity()
    {
        // Entities a phase found nothing for are left out: a line per empty entity is noise.
        if (_plainEntity is { Items: > 0 } done)
        {
            _console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"        {done.Entity}: {done.Items:N0}"));
        }

        _plainEntity = null;
    }
}
