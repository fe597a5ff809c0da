using SmartSync.Generator.Model;

namespace SmartSync.Generator.Emit;

/// <summary>Writes <c>EntityNames.g.cs</c>: one <c>const string</c> per entity of the data model.</summary>
internal static class EntityNamesEmitter
{
    public const string HintName = "EntityNames.g.cs";

    public static string Emit(EntityNamesModel model)
    {
        var writer = new IndentedWriter();
        GeneratedFile.WriteHeader(writer, model.DataModelFileName);
        writer.Line();
        writer.Line("namespace " + model.Namespace);
        writer.Open();
        writer.Line("/// <summary>The logical names of the entities in " + DocText.Code(model.DataModelFileName) + ".</summary>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Line("public static partial class EntityNames");
        writer.Open();
        for (var i = 0; i < model.Entities.Count; i++)
        {
            var entity = model.Entities[i];
            if (i > 0)
            {
                writer.Line();
            }

            var details = entity.EntitySetName is null
                ? "no entity set, so it is not synced"
                : "entity set " + DocText.Code(entity.EntitySetName);
            if (entity.BaseType is not null)
            {
                details += "; inherits " + DocText.Code(entity.BaseType);
            }

            writer.Line("/// <summary>The " + DocText.Code(entity.LogicalName) + " entity (" + details + ").</summary>");
            writer.Line("public const string " + entity.Identifier + " = " + CSharpLiteral.String(entity.LogicalName) + ";");
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
