using System;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SmartSync.Storage;
using SmartSync.Transport;

namespace SmartSync.Preconditions;

/// <summary>
/// The preconditions of a SmartSync (docs/runtime.md). The local ones are checked before anything reaches the
/// server; the server ones once WhoAmI answered. Either way a refusal writes nothing.
/// </summary>
internal static class PreconditionChecker
{
    public static Refusal? CheckLocal(SqliteConnection connection, SmartSyncClientOptions options, ConnectionCircuitBreaker breaker, SyncStore store)
    {
        if (!options.AllowSmartSync)
        {
            return new Refusal(SyncRefusalReason.NotAllowed, "SmartSync is disabled in the client's options.");
        }

        var errors = SyncErrorStore.CountUnresolved(connection, null);
        if (errors > 0)
        {
            return new Refusal(SyncRefusalReason.UnresolvedSyncErrors, string.Format(CultureInfo.InvariantCulture, "{0} unresolved sync error(s) must be resolved first.", errors));
        }

        if (SyncStore.GetSetting(connection, null, SettingNames.AuthorizationRequired) == "1")
        {
            return new Refusal(SyncRefusalReason.AuthorizationRequired, "The server asked the user to sign in again; a full sync after signing in clears this.");
        }

        if (breaker.IsOpen(out var retryAt))
        {
            return new Refusal(SyncRefusalReason.TooManyConnectionFailures, "Too many recent connection failures; SmartSync resumes at " + retryAt.ToString("O", CultureInfo.InvariantCulture) + ".");
        }

        if (store.IsSchemaNewerThanEngine)
        {
            return new Refusal(SyncRefusalReason.AppUpdateRequired, "The local database was written by a newer version of the app.");
        }

        if (store.Model is null || SyncStore.GetSetting(connection, null, SettingNames.LastFullSync) is null)
        {
            return new Refusal(SyncRefusalReason.FullSyncRequired, "No full sync has completed on this device yet.");
        }

        return null;
    }

    public static Refusal? CheckServer(ServerSession session, SmartSyncClientOptions options, string? storedCustomization, bool hasModel, bool adminForced)
    {
        if (session.MinimumClientVersion is { Length: > 0 } minimum
            && Version.TryParse(minimum, out var required)
            && options.ClientVersion < required)
        {
            return new Refusal(SyncRefusalReason.AppUpdateRequired, "The server requires app version " + minimum + " or later.");
        }

        if (!hasModel || storedCustomization != session.CustomizationVersion)
        {
            return new Refusal(SyncRefusalReason.FullSyncRequired, "The server's customization changed (" + (storedCustomization ?? "none") + " -> " + session.CustomizationVersion + "): a full sync must update the local schema.");
        }

        if (adminForced)
        {
            return new Refusal(SyncRefusalReason.FullSyncRequired, "An administrator requires a full sync.");
        }

        return null;
    }
}
