using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Transport.Dataverse;

// Authentication, customization check and preparation: WhoAmI plus the user's and organization's names,
// a hash of $metadata as the customization version, RetrieveUserPrivileges mapped per table.
public sealed partial class DataverseSyncTransport
{
    private const string WhoAmIScope = "WhoAmI";
    private Guid _userId;
    private string? _customizationVersion;

    /// <inheritdoc />
    public async Task<ServerSession> WhoAmIAsync(CancellationToken cancellationToken)
    {
        var whoAmI = await GetJsonAsync("WhoAmI", WhoAmIScope, DataverseJsonContext.Default.WhoAmIResponseWire, cancellationToken).ConfigureAwait(false);
        if (whoAmI.UserId == Guid.Empty)
        {
            throw new SyncPayloadException(WhoAmIScope, "UserId", "WhoAmI returned no UserId");
        }

        _userId = whoAmI.UserId;

        // WhoAmI opens a run: the images phase covers the image-enabled tables this run downloads, not earlier runs'.
        _imageTables.Clear();
        _attachmentTables.Clear();

        // WhoAmI names nobody: the names come from the user's and the organization's rows, the customization
        // version from the data model itself. Independent requests, sent together within the concurrency bound.
        var user = GetJsonAsync("systemusers(" + Id(whoAmI.UserId) + ")?$select=fullname,domainname", WhoAmIScope, DataverseJsonContext.Default.SystemUserWire, cancellationToken);
        var organization = GetJsonAsync("organizations(" + Id(whoAmI.OrganizationId) + ")?$select=name", WhoAmIScope, DataverseJsonContext.Default.OrganizationWire, cancellationToken);
        var version = GetJsonAsync("RetrieveVersion()", WhoAmIScope, DataverseJsonContext.Default.RetrieveVersionWire, cancellationToken);
        var customization = MetadataHashAsync(cancellationToken);
        await Task.WhenAll(user, organization, version, customization).ConfigureAwait(false);

        var userRow = await user.ConfigureAwait(false);
        var customizationVersion = await customization.ConfigureAwait(false);
        if (_customizationVersion is not null && _customizationVersion != customizationVersion)
        {
            // A customization may have switched change tracking on or made columns writable: read the definitions again.
            _tables.Clear();
        }

        _customizationVersion = customizationVersion;
        return new ServerSession(
            Id(whoAmI.UserId),
            userRow.FullName ?? userRow.DomainName ?? Id(whoAmI.UserId),
            (await organization.ConfigureAwait(false)).Name ?? Id(whoAmI.OrganizationId),
            "Dataverse " + ((await version.ConfigureAwait(false)).Version ?? _options.ApiVersion),
            customizationVersion,
            FullSyncRequired: false,
            MinimumClientVersion: null);
    }

    /// <inheritdoc />
    public async Task<string> GetMetadataAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            HttpMethod.Get, new Uri(_base, "$metadata"), "$metadata",
            message => message.Headers.Accept.ParseAdd("application/xml"), null, cancellationToken).ConfigureAwait(false);
        var stream = await OpenBodyAsync(response.Message, _options.MaxMetadataBytes, "$metadata", "body", cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new System.IO.StreamReader(stream, System.Text.Encoding.UTF8);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// RetrieveUserPrivileges lists the privileges the user's roles grant (<c>prvReadAccount</c>, with a depth); each
    /// table's definition names its own privileges by type (Read, Create, Write, Delete). A table is readable when
    /// the user holds its Read privilege at any depth: Dataverse itself filters the rows by depth and ownership.
    /// </remarks>
    public async Task<IReadOnlyList<EntityPermission>> GetPermissionsAsync(CancellationToken cancellationToken)
    {
        const string scope = "RetrieveUserPrivileges";
        if (_userId == Guid.Empty)
        {
            await WhoAmIAsync(cancellationToken).ConfigureAwait(false);
        }

        var held = GetJsonAsync(
            "systemusers(" + Id(_userId) + ")/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()", scope, DataverseJsonContext.Default.RetrieveUserPrivilegesWire, cancellationToken);
        var tables = GetJsonAsync("EntityDefinitions?$select=LogicalName,Privileges", scope, DataverseJsonContext.Default.EntityPrivilegesPageWire, cancellationToken);
        await Task.WhenAll(held, tables).ConfigureAwait(false);

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var privilege in (await held.ConfigureAwait(false)).RolePrivileges ?? [])
        {
            if (!string.IsNullOrEmpty(privilege?.PrivilegeName))
            {
                names.Add(privilege.PrivilegeName);
            }
        }

        var list = new List<EntityPermission>();
        foreach (var table in (await tables.ConfigureAwait(false)).Value ?? [])
        {
            if (string.IsNullOrEmpty(table?.LogicalName))
            {
                continue;
            }

            bool Holds(string type)
            {
                foreach (var privilege in table.Privileges ?? [])
                {
                    if (string.Equals(privilege?.PrivilegeType, type, StringComparison.OrdinalIgnoreCase) && privilege!.Name is { } name && names.Contains(name))
                    {
                        return true;
                    }
                }

                return false;
            }

            list.Add(new EntityPermission(table.LogicalName, Holds("Read"), Holds("Create"), Holds("Write"), Holds("Delete")));
        }

        return list;
    }

    /// <summary>
    /// A stable hash of <c>$metadata</c>, computed as the document streams in (it is megabytes in large
    /// environments): any customization that changes the data model changes it.
    /// </summary>
    private async Task<string> MetadataHashAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            HttpMethod.Get, new Uri(_base, "$metadata"), "$metadata",
            message => message.Headers.Accept.ParseAdd("application/xml"), null, cancellationToken).ConfigureAwait(false);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var stream = await OpenBodyAsync(response.Message, _options.MaxMetadataBytes, "$metadata", "body", cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return "metadata-" + Convert.ToHexString(hash.GetHashAndReset(), 0, 12).ToLowerInvariant();
    }

    /// <summary>The table definition of <paramref name="entity"/>, fetched once per transport.</summary>
    private Task<DataverseTable> TableAsync(EntityTypeDefinition entity, CancellationToken cancellationToken) => TableAsync(entity.Name, cancellationToken);

    private Task<DataverseTable> TableAsync(string logicalName, CancellationToken cancellationToken)
    {
        var task = _tables.GetOrAdd(logicalName, name => FetchTableAsync(name, cancellationToken));
        if (task.IsFaulted || task.IsCanceled)
        {
            // A failed fetch is not remembered: the next call tries again.
            _tables.TryRemove(new KeyValuePair<string, Task<DataverseTable>>(logicalName, task));
        }

        return task;
    }

    private async Task<DataverseTable> FetchTableAsync(string logicalName, CancellationToken cancellationToken)
    {
        var path = "EntityDefinitions(LogicalName='" + Uri.EscapeDataString(logicalName.Replace("'", "''", StringComparison.Ordinal)) +
            "')?$select=LogicalName,EntitySetName,PrimaryIdAttribute,ChangeTrackingEnabled&$expand=Attributes($select=LogicalName,IsValidForCreate,IsValidForUpdate)";
        try
        {
            var wire = await GetJsonAsync(path, logicalName, DataverseJsonContext.Default.EntityDefinitionWire, cancellationToken).ConfigureAwait(false);
            return new DataverseTable(logicalName, wire.EntitySetName, wire.PrimaryIdAttribute, wire.ChangeTrackingEnabled == true, wire.Attributes ?? []);
        }
        catch
        {
            _tables.TryRemove(logicalName, out _);
            throw;
        }
    }

    private static string Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}
