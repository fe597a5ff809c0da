using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace SmartSync.Hosting;

/// <summary>
/// Checks <see cref="SmartSyncHostingOptions"/> when the host starts (<c>ValidateOnStart</c>): every problem is
/// reported at once, named by its configuration key, instead of the first one surfacing at first use.
/// </summary>
internal sealed class SmartSyncHostingOptionsValidator : IValidateOptions<SmartSyncHostingOptions>
{
    public ValidateOptionsResult Validate(string? name, SmartSyncHostingOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            failures.Add("DatabasePath is required.");
        }

        if (options.Transport is null && options.ServerBaseAddress is null && options.DataverseEnvironmentUrl is null)
        {
            failures.Add("ServerBaseAddress (or DataverseEnvironmentUrl, or a Transport) is required.");
        }

        Require(failures, options.PageSize >= 1, "PageSize must be at least 1.");
        Require(failures, options.CleanupDebtLimit >= 0, "CleanupDebtLimit must not be negative.");
        Require(failures, options.MaxRetryAttempts >= 0, "MaxRetryAttempts must not be negative.");
        Require(failures, options.RequestAttemptTimeout > System.TimeSpan.Zero, "RequestAttemptTimeout must be positive.");
        Require(failures, options.ClientVersion is not null, "ClientVersion is required.");
        if (options.CircuitBreaker is not { } breaker)
        {
            failures.Add("CircuitBreaker is required.");
        }
        else
        {
            Require(failures, breaker.FailureThreshold >= 1, "CircuitBreaker:FailureThreshold must be at least 1.");
            Require(failures, breaker.Window > System.TimeSpan.Zero, "CircuitBreaker:Window must be positive.");
            Require(failures, breaker.BreakDuration >= System.TimeSpan.Zero, "CircuitBreaker:BreakDuration must not be negative.");
        }

        if (options.AutoExclusions is not { } auto)
        {
            failures.Add("AutoExclusions is required.");
        }
        else
        {
            Require(failures, auto.MaxLocalRows >= 0, "AutoExclusions:MaxLocalRows must not be negative.");
            Require(failures, auto.QuietDownloads >= 0, "AutoExclusions:QuietDownloads must not be negative.");
        }

        if (options.Retention is not { } retention)
        {
            failures.Add("Retention is required.");
        }
        else
        {
            Require(failures, retention.Runs >= 1, "Retention:Runs must be at least 1.");
            Require(failures, retention.MailMessages >= 0, "Retention:MailMessages must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Require(List<string> failures, bool condition, string message)
    {
        if (!condition)
        {
            failures.Add(message);
        }
    }
}
