using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Transport.Http;

/// <summary>
/// Reads one OData page (<c>{"value":[...], "@odata.nextLink"|"@odata.deltaLink": "..."}</c>) from a response stream
/// with <see cref="Utf8JsonReader"/> over a pooled buffer, handing each record to the sink as soon as it is complete.
/// A token-by-token state machine, so records split across network reads are fine. Anything unexpected
/// (malformed JSON, wrong value types, unknown attributes, a missing key, a truncated page, an oversized value)
/// throws <see cref="SyncPayloadException"/> before the page is reported complete, so no cursor is committed.
/// </summary>
internal sealed class ODataPageReader
{
    private const int InitialBufferSize = 16 * 1024;
    private const int NoProperty = -1;
    private const int ETagProperty = -2;
    private const int SkipValue = -3;
    private const int RepeatCacheBytes = 64;
    private const int ContextProperty = -4;
    private const int DeletedIdProperty = -5;
    private const int LookupNameProperty = -6;

    private readonly EntityPropertyMap _map;
    private readonly IRecordSink _sink;
    private readonly RecordValues _record;
    private readonly int _maxStringBytes;
    private readonly PageLimits _limits;
    private readonly string _entity;
    private readonly bool _deletedEntityRows;
    private readonly bool _linkOptional;
    private readonly Action<string, string, string>? _lookupTarget;
    private readonly System.Collections.Generic.List<(int Property, string LogicalName)> _lookupNames = [];
    private int _pendingLookupProperty = -1;

    // Per column, the last lookuplogicalname annotation (a handful of table names): no string per record.
    private string?[]? _lastLogicalName;
    private byte[]?[]? _lastLogicalBytes;

    // Per column, the last text value and its UTF-8 bytes: owners, states, dates and other repeated values then
    // cost a byte comparison instead of a new string per record.
    private readonly string?[] _lastText;
    private readonly byte[]?[] _lastBytes;
    private readonly int[] _lastLength;

    private JsonReaderState _state;
    private Phase _phase = Phase.BeforeRoot;
    private RootValue _pendingRoot = RootValue.None;
    private int _pendingProperty = NoProperty;
    private int _lastProperty = -1;
    private int _skipDepth;
    private bool _removed;
    private bool _deletedEntity;
    private string? _deletedId;
    private bool _hasKey;
    private bool _sawValueArray;
    private int _records;
    private int _upserts;
    private int _removes;
    private long _consumedBefore;
    private string? _nextLink;
    private string? _deltaLink;

    /// <param name="map">The entity's properties.</param>
    /// <param name="sink">Where records go as they are read.</param>
    /// <param name="maxStringBytes">The longest string value accepted.</param>
    /// <param name="deletedEntityRows">
    /// Dataverse deltas: a row whose <c>@odata.context</c> ends in <c>/$deletedEntity</c> names a deleted record by its
    /// <c>id</c> (docs/dataverse.md); it is handed to the sink as a removal.
    /// </param>
    /// <param name="linkOptional">A page may end without any link (a plain paged read with no change tracking).</param>
    /// <param name="limits">The most rows and bytes the page may have (a server that ignores the page size asked for); none when omitted.</param>
    /// <param name="lookupTarget">
    /// Called with (column, referenced key, table logical name) for each <c>column@Microsoft.Dynamics.CRM.lookuplogicalname</c>
    /// annotation of a record: which table a polymorphic lookup points at.
    /// </param>
    public ODataPageReader(
        EntityPropertyMap map,
        IRecordSink sink,
        int maxStringBytes,
        bool deletedEntityRows = false,
        bool linkOptional = false,
        Action<string, string, string>? lookupTarget = null,
        PageLimits? limits = null)
    {
        _limits = limits ?? PageLimits.None;
        _lookupTarget = lookupTarget;
        _deletedEntityRows = deletedEntityRows;
        _linkOptional = linkOptional;
        _map = map;
        _sink = sink;
        _record = new RecordValues(map.Entity);
        _maxStringBytes = maxStringBytes;
        _entity = map.Entity.Name;
        _lastText = new string?[map.Entity.Properties.Count];
        _lastBytes = new byte[]?[map.Entity.Properties.Count];
        _lastLength = new int[map.Entity.Properties.Count];
    }

    private enum Phase
    {
        BeforeRoot,
        Root,
        Values,
        Record,
        Done,
    }

    private enum RootValue
    {
        None,
        ValueArray,
        NextLink,
        DeltaLink,
        Skip,
    }

    public string? NextLink => _nextLink;

    public string? DeltaLink => _deltaLink;

    public int UpsertCount => _upserts;

    public int RemoveCount => _removes;

    public async Task ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (_map.KeyIndex < 0)
        {
            throw new SyncPayloadException(_entity, "model", $"the entity definition has no key property '{_map.Entity.Key}'");
        }

        // A single token (a long string) must fit the buffer: allow escapes (up to 6 bytes per char) plus slack.
        var maxBuffer = (int)Math.Min(int.MaxValue - 64, ((long)_maxStringBytes * 6) + 64 * 1024);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        var filled = 0;
        var final = false;
        try
        {
            while (true)
            {
                if (!final)
                {
                    if (filled == buffer.Length)
                    {
                        if (buffer.Length >= maxBuffer)
                        {
                            throw Error($"byte {_consumedBefore + filled}", $"a single value is longer than {_maxStringBytes} bytes");
                        }

                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBuffer));
                        buffer.AsSpan(0, filled).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        final = true;
                    }
                    else
                    {
                        filled += read;
                        if (_consumedBefore + filled > _limits.MaxBytes)
                        {
                            // The rest is never read: the caller disposes the response, and nothing of the page is applied.
                            throw Error($"byte {_consumedBefore + filled}", $"the page is larger than {_limits.MaxBytes} bytes (MaxPageBytes)");
                        }
                    }
                }

                var consumed = Consume(buffer.AsSpan(0, filled), final);
                _consumedBefore += consumed;
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
                if (final)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (_phase != Phase.Done)
        {
            throw Error($"byte {_consumedBefore}", $"the page is truncated after {_records} record(s)");
        }

        if (!_sawValueArray)
        {
            throw Error("page", "the page has no 'value' array");
        }

        if (_nextLink is not null && _deltaLink is not null)
        {
            throw Error("page", "a page must end with exactly one of '@odata.nextLink' and '@odata.deltaLink'");
        }

        if (_nextLink is null && _deltaLink is null && !_linkOptional)
        {
            throw Error("page", "a page must end with exactly one of '@odata.nextLink' and '@odata.deltaLink'");
        }
    }

    private int Consume(ReadOnlySpan<byte> data, bool final)
    {
        var reader = new Utf8JsonReader(data, final, _state);
        try
        {
            while (reader.Read())
            {
                Handle(ref reader);
            }
        }
        catch (JsonException ex)
        {
            throw Error($"byte {_consumedBefore + reader.BytesConsumed}", "malformed JSON: " + ex.Message);
        }

        _state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    private void Handle(ref Utf8JsonReader reader)
    {
        if (_skipDepth > 0)
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                _skipDepth++;
            }
            else if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                _skipDepth--;
            }

            return;
        }

        switch (_phase)
        {
            case Phase.BeforeRoot:
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Error(Position(ref reader), "the page must be a JSON object");
                }

                _phase = Phase.Root;
                break;
            case Phase.Root:
                HandleRoot(ref reader);
                break;
            case Phase.Values:
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    if (_records >= _limits.MaxRows)
                    {
                        throw Error(Position(ref reader), $"the page has more than {_limits.MaxRows} rows (MaxPageRows)");
                    }

                    _record.Reset();
                    _removed = false;
                    _deletedEntity = false;
                    _deletedId = null;
                    _lookupNames.Clear();
                    _hasKey = false;
                    _lastProperty = -1;
                    _phase = Phase.Record;
                }
                else if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _phase = Phase.Root;
                }
                else
                {
                    throw Error(Position(ref reader), $"expected a record object but found {reader.TokenType}");
                }

                break;
            case Phase.Record:
                HandleRecord(ref reader);
                break;
            default:
                throw Error(Position(ref reader), "unexpected content after the page");
        }
    }

    private void HandleRoot(ref Utf8JsonReader reader)
    {
        switch (_pendingRoot)
        {
            case RootValue.None:
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    _phase = Phase.Done;
                    return;
                }

                if (reader.ValueTextEquals("value"u8))
                {
                    _pendingRoot = RootValue.ValueArray;
                }
                else if (reader.ValueTextEquals("@odata.nextLink"u8))
                {
                    _pendingRoot = RootValue.NextLink;
                }
                else if (reader.ValueTextEquals("@odata.deltaLink"u8))
                {
                    _pendingRoot = RootValue.DeltaLink;
                }
                else if (IsAnnotation(ref reader))
                {
                    _pendingRoot = RootValue.Skip;
                }
                else
                {
                    throw Error(Position(ref reader), $"unknown page property '{reader.GetString()}'");
                }

                return;
            case RootValue.ValueArray:
                if (reader.TokenType != JsonTokenType.StartArray || _sawValueArray)
                {
                    throw Error(Position(ref reader), "'value' must be one array of records");
                }

                _sawValueArray = true;
                _phase = Phase.Values;
                break;
            case RootValue.NextLink or RootValue.DeltaLink:
                if (reader.TokenType != JsonTokenType.String)
                {
                    throw Error(Position(ref reader), "a link must be a string");
                }

                CheckLength(ref reader);
                if (_pendingRoot == RootValue.NextLink)
                {
                    _nextLink = reader.GetString();
                }
                else
                {
                    _deltaLink = reader.GetString();
                }

                break;
            default:
                BeginSkip(ref reader);
                break;
        }

        _pendingRoot = RootValue.None;
    }

    private void HandleRecord(ref Utf8JsonReader reader)
    {
        if (_pendingProperty == NoProperty)
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                CompleteRecord(ref reader);
                return;
            }

            if (reader.ValueTextEquals("@odata.etag"u8))
            {
                _pendingProperty = ETagProperty;
            }
            else if (reader.ValueTextEquals("@removed"u8))
            {
                _removed = true;
                _pendingProperty = SkipValue;
            }
            else if (_deletedEntityRows && reader.ValueTextEquals("@odata.context"u8))
            {
                _pendingProperty = ContextProperty;
            }
            else if (_lookupTarget is not null && reader.ValueSpan.EndsWith(LookupLogicalNameSuffix))
            {
                if (reader.ValueIsEscaped || reader.HasValueSequence)
                {
                    var name = reader.GetString()!;
                    _pendingLookupProperty = _map.Find(name[..name.IndexOf('@', StringComparison.Ordinal)]);
                }
                else
                {
                    _pendingLookupProperty = _map.Find(reader.ValueSpan[..^LookupLogicalNameSuffix.Length]);
                }

                _pendingProperty = LookupNameProperty;
            }
            else if (IsAnnotation(ref reader))
            {
                _pendingProperty = SkipValue;
            }
            else
            {
                var index = _map.Find(ref reader, _lastProperty + 1);
                if (index < 0 && _deletedEntityRows && reader.ValueTextEquals("id"u8))
                {
                    _pendingProperty = DeletedIdProperty;
                    return;
                }

                if (index < 0 && _deletedEntityRows && reader.ValueTextEquals("reason"u8))
                {
                    _pendingProperty = SkipValue;
                    return;
                }

                if (index < 0)
                {
                    throw Error(Position(ref reader), $"unknown attribute '{reader.GetString()}'");
                }

                _pendingProperty = index;
                _lastProperty = index;
            }

            return;
        }

        var pending = _pendingProperty;
        _pendingProperty = NoProperty;
        if (pending == SkipValue)
        {
            BeginSkip(ref reader);
        }
        else if (pending == LookupNameProperty)
        {
            if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= 256 && _pendingLookupProperty >= 0)
            {
                _lookupNames.Add((_pendingLookupProperty, LogicalName(ref reader, _pendingLookupProperty)));
            }
            else
            {
                BeginSkip(ref reader);
            }

            _pendingLookupProperty = -1;
        }
        else if (pending is ContextProperty or DeletedIdProperty)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw Error(Position(ref reader), pending == ContextProperty ? "'@odata.context' must be a string" : "'id' must be a string");
            }

            CheckLength(ref reader);
            if (pending == ContextProperty)
            {
                _deletedEntity |= reader.GetString()!.EndsWith("/$deletedEntity", StringComparison.Ordinal);
            }
            else
            {
                _deletedId = reader.GetString();
            }
        }
        else if (pending == ETagProperty)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw Error(Position(ref reader), "'@odata.etag' must be a string");
            }

            CheckLength(ref reader);
            _record.ETag = reader.GetString();
        }
        else
        {
            ReadValue(ref reader, pending);
        }
    }

    private void ReadValue(ref Utf8JsonReader reader, int index)
    {
        var kind = _map.Kinds[index];
        object? value;
        if (reader.TokenType == JsonTokenType.Null)
        {
            value = null;
        }
        else
        {
            value = kind switch
            {
                EdmValueKind.Integer when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var integer) => BoxedInteger(integer),
                EdmValueKind.Double when reader.TokenType == JsonTokenType.Number => reader.GetDouble(),
                EdmValueKind.Decimal when reader.TokenType == JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                EdmValueKind.Decimal when reader.TokenType == JsonTokenType.String => DecimalText(ref reader, index),
                EdmValueKind.Boolean when reader.TokenType is JsonTokenType.True or JsonTokenType.False => reader.GetBoolean() ? BoxedTrue : BoxedFalse,
                EdmValueKind.Guid when reader.TokenType == JsonTokenType.String => GuidText(ref reader, index),
                EdmValueKind.DateTimeOffset when reader.TokenType == JsonTokenType.String => DateText(ref reader, index),
                EdmValueKind.String when reader.TokenType == JsonTokenType.String => StringValue(ref reader, index),
                _ => throw Mismatch(ref reader, index),
            };
        }

        if (index == _map.KeyIndex)
        {
            if (value is null)
            {
                throw Error(Position(ref reader), $"the key '{_map.Names[index]}' is null");
            }

            _record.Key = Convert.ToString(value, CultureInfo.InvariantCulture)!;
            _hasKey = true;
        }

        _record.Values[index] = value;
        _record.Present[index] = true;
    }

    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;
    private static readonly object[] SmallIntegers = CreateSmallIntegers();

    /// <summary>Option sets, states and flags are small numbers: one shared box each instead of one per record.</summary>
    private static object BoxedInteger(long value) => value is >= -1 and < 1023 ? SmallIntegers[value + 1] : value;

    private static object[] CreateSmallIntegers()
    {
        var boxes = new object[1024];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = (long)(i - 1);
        }

        return boxes;
    }

    private SyncPayloadException Mismatch(ref Utf8JsonReader reader, int index) =>
        Error(Position(ref reader), $"'{_map.Names[index]}' expects {_map.Entity.Properties[index].EdmType} but the value is {Describe(ref reader)}");

    private string GuidText(ref Utf8JsonReader reader, int index)
    {
        if (Repeated(ref reader, index) is { } same)
        {
            return same;
        }

        var valid = reader.ValueIsEscaped
            ? reader.TryGetGuid(out _)
            : System.Buffers.Text.Utf8Parser.TryParse(reader.ValueSpan, out Guid _, out var used, 'D') && used == reader.ValueSpan.Length;
        if (!valid)
        {
            throw Mismatch(ref reader, index);
        }

        return Remember(ref reader, index);
    }

    private string DateText(ref Utf8JsonReader reader, int index)
    {
        if (Repeated(ref reader, index) is { } same)
        {
            return same;
        }

        if (!reader.TryGetDateTimeOffset(out _))
        {
            throw Mismatch(ref reader, index);
        }

        return Remember(ref reader, index);
    }

    private string StringValue(ref Utf8JsonReader reader, int index)
    {
        CheckLength(ref reader);
        return Repeated(ref reader, index) ?? Remember(ref reader, index);
    }

    /// <summary>The column's previous string when this value has the very same (unescaped) bytes.</summary>
    private string? Repeated(ref Utf8JsonReader reader, int index)
    {
        var last = _lastBytes[index];
        return last is not null && !reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.SequenceEqual(last.AsSpan(0, _lastLength[index]))
            ? _lastText[index]
            : null;
    }

    private string Remember(ref Utf8JsonReader reader, int index)
    {
        var text = reader.GetString()!;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.Length <= RepeatCacheBytes && index != _map.KeyIndex)
        {
            var bytes = _lastBytes[index] ??= new byte[RepeatCacheBytes];
            reader.ValueSpan.CopyTo(bytes);
            _lastLength[index] = reader.ValueSpan.Length;
            _lastText[index] = text;
        }

        return text;
    }

    private void CompleteRecord(ref Utf8JsonReader reader)
    {
        if (_deletedEntity || _deletedId is not null)
        {
            if (!_deletedEntity || string.IsNullOrEmpty(_deletedId))
            {
                throw Error(Position(ref reader), _deletedEntity ? "a $deletedEntity row has no 'id'" : "unknown attribute 'id'");
            }

            _sink.Remove(_deletedId);
            _removes++;
            _records++;
            _phase = Phase.Values;
            return;
        }

        if (!_hasKey)
        {
            throw Error(Position(ref reader), $"the record has no key '{_map.Entity.Key}'");
        }

        if (_removed)
        {
            _sink.Remove(_record.Key);
            _removes++;
        }
        else
        {
            ReportLookupTargets();
            _sink.Upsert(_record);
            _upserts++;
        }

        _records++;
        _phase = Phase.Values;
    }

    private void ReportLookupTargets()
    {
        foreach (var (index, logicalName) in _lookupNames)
        {
            if (_record.Values[index] is string key)
            {
                _lookupTarget!(_map.Names[index], key, logicalName);
            }
        }
    }

    private static ReadOnlySpan<byte> LookupLogicalNameSuffix => "@Microsoft.Dynamics.CRM.lookuplogicalname"u8;

    /// <summary>The annotation's table name; the column's previous one when the bytes repeat.</summary>
    private string LogicalName(ref Utf8JsonReader reader, int index)
    {
        _lastLogicalName ??= new string?[_map.Count];
        _lastLogicalBytes ??= new byte[]?[_map.Count];
        var plain = !reader.ValueIsEscaped && !reader.HasValueSequence;
        if (plain && _lastLogicalBytes[index] is { } last && reader.ValueSpan.SequenceEqual(last))
        {
            return _lastLogicalName[index]!;
        }

        var name = reader.GetString()!;
        if (plain)
        {
            _lastLogicalBytes[index] = reader.ValueSpan.ToArray();
            _lastLogicalName[index] = name;
        }

        return name;
    }

    private string DecimalText(ref Utf8JsonReader reader, int index)
    {
        CheckLength(ref reader);
        var text = reader.GetString()!;
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw Error(Position(ref reader), $"'{_map.Names[index]}' expects a decimal but the value is a non-numeric string");
        }

        return text;
    }

    private void CheckLength(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.Length > _maxStringBytes)
        {
            throw Error(Position(ref reader), $"a string value is longer than {_maxStringBytes} bytes");
        }
    }

    private void BeginSkip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            _skipDepth = 1;
        }
    }

    /// <summary>Instance and property annotations (<c>@odata.context</c>, <c>name@OData.Community...</c>) carry no data.</summary>
    private static bool IsAnnotation(ref Utf8JsonReader reader) => reader.ValueSpan.IndexOf((byte)'@') >= 0;

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => reader.TokenType.ToString(),
    };

    private string Position(ref Utf8JsonReader reader) =>
        $"record {_records} (byte {(_consumedBefore + reader.TokenStartIndex).ToString(CultureInfo.InvariantCulture)})";

    private SyncPayloadException Error(string position, string message) => new(_entity, position, message);
}
