namespace SmartSync.Definitions.Validation;

/// <summary>The form of an entity logical name, checked when no data model is available.</summary>
internal static class EntityNameForm
{
    /// <summary>Logical names are ASCII letters, digits and underscores, starting with a letter or underscore.</summary>
    public static bool IsValid(string name)
    {
        if (name.Length == 0 || name.Length > 128 || char.IsDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
