using System.ComponentModel.DataAnnotations.Schema;
using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;

namespace Retort.Internal;

/// <summary>
/// The target columns of an output row type: its public readable properties, named by <c>[Column("…")]</c> or
/// else by the property name in snake_case (<c>AmountCents</c> → <c>amount_cents</c>), with compiled getters.
/// </summary>
internal static class OutputColumns<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>
{
    private static readonly PropertyInfo[] Properties = typeof(T)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<NotMappedAttribute>() is null && p.Name != "EqualityContract")
        .ToArray();

    public static IReadOnlyList<string> Names { get; } =
        Properties.Select(p => p.GetCustomAttribute<ColumnAttribute>()?.Name ?? SnakeCase(p.Name)).ToArray();

    public static Func<object, object?>[] Getters { get; } = Properties.Select(Compile).ToArray();

    private static Func<object, object?> Compile(PropertyInfo property)
    {
        var o = Expression.Parameter(typeof(object), "o");
        var body = Expression.Convert(Expression.Property(Expression.Convert(o, typeof(T)), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, o).Compile();
    }

    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var boundary = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) ||
                    (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
                if (boundary) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
