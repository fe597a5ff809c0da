using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Storage;

namespace SmartSync.Data;

/// <summary>Runs queries against the local store (implemented by <see cref="LocalRecordStore"/>).</summary>
internal interface IRecordQueryExecutor
{
    TimeProvider Time { get; }

    TableChangeFeed Changes { get; }

    Task<List<TRecord>> ListAsync<TRecord>(QuerySpec<TRecord> spec, CancellationToken cancellationToken)
        where TRecord : class;

    Task<long> CountAsync<TRecord>(QuerySpec<TRecord> spec, CancellationToken cancellationToken)
        where TRecord : class;

    IAsyncEnumerable<TRecord> StreamAsync<TRecord>(QuerySpec<TRecord> spec, CancellationToken cancellationToken)
        where TRecord : class;
}
