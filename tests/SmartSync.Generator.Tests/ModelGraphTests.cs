using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using SmartSync.Definitions.Text;
using SmartSync.Generator.Inputs;
using SmartSync.Generator.Model;
using Xunit;

namespace SmartSync.Generator.Tests;

/// <summary>
/// The pipeline's values must not hold compiler or source objects: they would pin compilations in
/// memory and, having no value equality, defeat the incremental cache.
/// </summary>
public sealed class ModelGraphTests
{
    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol), typeof(Compilation), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SemanticModel),
        typeof(Location), typeof(AdditionalText), typeof(SourceRange),
    ];

    /// <summary>Every type that flows between pipeline steps.</summary>
    private static readonly Type[] StepValues =
    [
        typeof(InputFile), typeof(DataModelInput), typeof(ProfilesSource), typeof(DefinitionsModel), typeof(NamespaceOptions),
        typeof(ProfilesModel), typeof(ProfileModel), typeof(EntityNamesModel), typeof(EntityConstantModel),
    ];

    [Fact]
    public void No_step_value_reaches_a_compiler_or_source_position_type()
    {
        var problems = new List<string>();
        var visited = new HashSet<Type>();
        foreach (var type in StepValues)
        {
            Walk(type, type.Name, visited, problems);
        }

        Assert.Empty(problems);
        Assert.Contains(typeof(SmartSync.Definitions.Semantics.ProfileSpec), visited);
        Assert.Contains(typeof(SmartSync.Definitions.DataModel.EntityTypeDefinition), visited);
    }

    [Fact]
    public void Every_step_value_has_value_equality()
    {
        foreach (var type in StepValues)
        {
            Assert.True(typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type), $"{type.Name} is not IEquatable<{type.Name}>");
            foreach (var member in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
            {
                var memberType = Nullable.GetUnderlyingType(member.PropertyType) ?? member.PropertyType;
                var equatable = memberType.IsPrimitive || memberType.IsEnum || memberType == typeof(string)
                    || typeof(IEquatable<>).MakeGenericType(memberType).IsAssignableFrom(memberType);
                Assert.True(equatable, $"{type.Name}.{member.Name} ({memberType.Name}) has no value equality");
            }
        }
    }

    [Fact]
    public void The_walk_detects_a_forbidden_type()
    {
        var problems = new List<string>();
        Walk(typeof(HoldsALocation), nameof(HoldsALocation), [], problems);

        Assert.Single(problems);
    }

    private static void Walk(Type type, string path, HashSet<Type> visited, List<string> problems)
    {
        if (Forbidden.Any(f => f.IsAssignableFrom(type)))
        {
            problems.Add($"{path} is {type.FullName}");
            return;
        }

        if (!visited.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string) || type.IsPointer)
        {
            return;
        }

        if (type.IsArray)
        {
            Walk(type.GetElementType()!, path + "[]", visited, problems);
            return;
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Walk(argument, path + "<" + argument.Name + ">", visited, problems);
            }
        }

        // Framework types are walked through their generic arguments only.
        if (type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
        {
            return;
        }

        const BindingFlags all = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(all))
            {
                Walk(field.FieldType, path + "." + field.Name, visited, problems);
            }

            foreach (var property in current.GetProperties(all))
            {
                Walk(property.PropertyType, path + "." + property.Name, visited, problems);
            }
        }
    }

    private sealed record HoldsALocation(string Name, IReadOnlyList<Location> Where);
}
