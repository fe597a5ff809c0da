using System;

namespace SmartSync.Generator.Inputs;

/// <summary>Path helpers that never throw.</summary>
internal static class FilePath
{
    /// <summary>
    /// The part after the last '/' or '\'. Not <c>Path.GetFileName</c>: on .NET Framework hosts
    /// (Visual Studio) it throws on characters a path may still contain.
    /// </summary>
    public static string FileName(string path) =>
        path.Substring(Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\')) + 1);
}
