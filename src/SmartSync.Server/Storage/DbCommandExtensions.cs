using System;
using System.Data.Common;

namespace SmartSync.Server.Storage;

/// <summary>Provider-neutral parameter binding (<c>@name</c> works on SQLite and Npgsql alike).</summary>
internal static class DbCommandExtensions
{
    public static DbParameter AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
