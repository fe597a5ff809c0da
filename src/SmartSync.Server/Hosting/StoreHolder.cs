using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;
using SmartSync.Definitions.Parsing;
using SmartSync.Server.Storage;
using SmartSync.Server.Storage.Providers;

namespace SmartSync.Server.Hosting;

/// <summary>Creates the store on first use: parses the data model, opens the provider, creates or migrates the schema.</summary>
internal sealed class StoreHolder(IOptions<SmartSyncServerOptions> options, StorageSelection selection)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CrmStore? _store;

    public async Task<CrmStore> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _store) is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_store is not null)
            {
                return _store;
            }

            var settings = options.Value;
            var text = settings.DataModelText;
            var source = settings.DataModelPath ?? "(DataModelText)";
            if (text is null)
            {
                if (settings.DataModelPath is null)
                {
                    throw new InvalidOperationException("SmartSync server: set SmartSyncServerOptions.DataModelPath (a CSDL file) or DataModelText.");
                }

                text = await File.ReadAllTextAsync(settings.DataModelPath, cancellationToken).ConfigureAwait(false);
            }

            var parsed = CsdlParser.Parse(text, source);
            if (parsed.Model is null)
            {
                var errors = string.Join(Environment.NewLine, parsed.Diagnostics.Select(d => d.ToString()));
                throw new InvalidDataException($"The data model '{source}' is not valid CSDL:{Environment.NewLine}{errors}");
            }

            var store = new CrmStore(selection.Create(), parsed.Model, text);
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _store, store);
            return store;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>Which database the server uses (the last <c>UseSqlite</c>/<c>UsePostgres</c> wins; SQLite by default).</summary>
internal sealed class StorageSelection
{
    public Func<IStorageProvider> Create { get; set; } = () => new SqliteStorageProvider(Path.Combine(AppContext.BaseDirectory, "smartsync-server.db"));
}
