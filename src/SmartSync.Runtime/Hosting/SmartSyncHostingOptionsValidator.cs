using Microsoft.Extensions.Options;

namespace SmartSync.Hosting;

/// <summary>
/// Checks <see cref="SmartSyncHostingOptions"/> when the host starts (<c>ValidateOnStart</c>): the client's own checks
/// (<see cref="SmartSyncClientOptions"/>) and the host's, every problem reported at once and named by its configuration
/// key, instead of the first one surfacing at first use.
/// </summary>
internal sealed class SmartSyncHostingOptionsValidator : IValidateOptions<SmartSyncHostingOptions>
{
    public ValidateOptionsResult Validate(string? name, SmartSyncHostingOptions options)
    {
        var failures = options.Problems();
        if (options.Transport is null && options.ServerBaseAddress is null && options.DataverseEnvironmentUrl is null)
        {
            failures.Add("ServerBaseAddress (or DataverseEnvironmentUrl, or a Transport) is required.");
        }

        if (options.MaxRetryAttempts < 0)
        {
            failures.Add("MaxRetryAttempts must not be negative.");
        }

        if (options.RequestAttemptTimeout <= System.TimeSpan.Zero)
        {
            failures.Add("RequestAttemptTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
