using System;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace SmartSync.Hosting;

/// <summary>
/// Binds <see cref="SmartSyncHostingOptions"/> from configuration by hand: no reflection, so it is trim- and
/// NativeAOT-safe. A value that does not parse is an error naming its key, never silently ignored.
/// </summary>
public static class SmartSyncConfigurationBinder
{
    public static void Bind(IConfiguration section, SmartSyncHostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        if (section[nameof(options.DatabasePath)] is { Length: > 0 } path)
        {
            options.DatabasePath = path;
        }

        if (section[nameof(options.ServerBaseAddress)] is { Length: > 0 } address)
        {
            options.ServerBaseAddress = Uri.TryCreate(address, UriKind.Absolute, out var uri)
                ? uri
                : throw Invalid(section, nameof(options.ServerBaseAddress), address, "an absolute URI");
        }

        if (section[nameof(options.DataverseEnvironmentUrl)] is { Length: > 0 } environment)
        {
            options.DataverseEnvironmentUrl = Uri.TryCreate(environment, UriKind.Absolute, out var uri)
                ? uri
                : throw Invalid(section, nameof(options.DataverseEnvironmentUrl), environment, "an absolute URI");
        }

        if (section[nameof(options.AccessToken)] is { Length: > 0 } token)
        {
            options.AccessToken = token;
        }

        options.PageSize = Int(section, nameof(options.PageSize), options.PageSize);
        options.CleanupDebtLimit = Int(section, nameof(options.CleanupDebtLimit), options.CleanupDebtLimit);
        options.MaxRetryAttempts = Int(section, nameof(options.MaxRetryAttempts), options.MaxRetryAttempts);
        if (section[nameof(options.RequestAttemptTimeout)] is { Length: > 0 } timeout)
        {
            options.RequestAttemptTimeout = TimeSpan.TryParse(timeout, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
                ? span
                : throw Invalid(section, nameof(options.RequestAttemptTimeout), timeout, "a positive time span such as 00:01:40");
        }

        options.AllowSmartSync = Bool(section, nameof(options.AllowSmartSync), options.AllowSmartSync);
        options.StartTriggers = Bool(section, nameof(options.StartTriggers), options.StartTriggers);
        options.SetAsDefault = Bool(section, nameof(options.SetAsDefault), options.SetAsDefault);
        options.DefaultConflictStrategy = Strategy(section, nameof(options.DefaultConflictStrategy), options.DefaultConflictStrategy);
        if (section[nameof(options.ClientVersion)] is { Length: > 0 } version)
        {
            options.ClientVersion = Version.TryParse(version, out var parsed)
                ? parsed
                : throw Invalid(section, nameof(options.ClientVersion), version, "a version such as 1.2");
        }

        var breaker = section.GetSection(nameof(options.CircuitBreaker));
        options.CircuitBreaker = new CircuitBreakerOptions
        {
            FailureThreshold = Int(breaker, nameof(CircuitBreakerOptions.FailureThreshold), options.CircuitBreaker.FailureThreshold),
            Window = Span(breaker, nameof(CircuitBreakerOptions.Window), options.CircuitBreaker.Window),
            BreakDuration = Span(breaker, nameof(CircuitBreakerOptions.BreakDuration), options.CircuitBreaker.BreakDuration),
        };
        var auto = section.GetSection(nameof(options.AutoExclusions));
        options.AutoExclusions = new AutoExclusionOptions
        {
            Enabled = Bool(auto, nameof(AutoExclusionOptions.Enabled), options.AutoExclusions.Enabled),
            MaxLocalRows = Int(auto, nameof(AutoExclusionOptions.MaxLocalRows), options.AutoExclusions.MaxLocalRows),
            QuietDownloads = Int(auto, nameof(AutoExclusionOptions.QuietDownloads), options.AutoExclusions.QuietDownloads),
        };
        var retention = section.GetSection(nameof(options.Retention));
        options.Retention = new RetentionOptions
        {
            Runs = Int(retention, nameof(RetentionOptions.Runs), options.Retention.Runs),
            MailMessages = Int(retention, nameof(RetentionOptions.MailMessages), options.Retention.MailMessages),
        };

        foreach (var entry in section.GetSection(nameof(options.ConflictStrategies)).GetChildren())
        {
            options.ConflictStrategies[entry.Key] = Strategy(entry, null, ConflictStrategy.ServerWins);
        }
    }

    private static int Int(IConfiguration section, string key, int current) =>
        section[key] is not { Length: > 0 } text
            ? current
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Invalid(section, key, text, "a whole number");

    private static TimeSpan Span(IConfiguration section, string key, TimeSpan current) =>
        section[key] is not { Length: > 0 } text
            ? current
            : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Invalid(section, key, text, "a time span such as 00:05:00");

    private static bool Bool(IConfiguration section, string key, bool current) =>
        section[key] is not { Length: > 0 } text
            ? current
            : bool.TryParse(text, out var value)
                ? value
                : throw Invalid(section, key, text, "true or false");

    /// <summary>Reads a strategy from <paramref name="key"/>, or from the section's own value when the key is null.</summary>
    private static ConflictStrategy Strategy(IConfiguration section, string? key, ConflictStrategy current)
    {
        var text = key is null ? (section as IConfigurationSection)?.Value : section[key];
        if (string.IsNullOrEmpty(text))
        {
            return current;
        }

        return text.Trim().ToUpperInvariant() switch
        {
            "SERVERWINS" => ConflictStrategy.ServerWins,
            "DEVICEWINS" => ConflictStrategy.DeviceWins,
            "MANUAL" => ConflictStrategy.Manual,
            _ => throw Invalid(section, key, text, "ServerWins, DeviceWins or Manual"),
        };
    }

    private static InvalidOperationException Invalid(IConfiguration section, string? key, string value, string expected)
    {
        var path = section is IConfigurationSection s ? (key is null ? s.Path : s.Path + ":" + key) : key;
        return new InvalidOperationException($"SmartSync configuration '{path}' is '{value}'; expected {expected}.");
    }
}
