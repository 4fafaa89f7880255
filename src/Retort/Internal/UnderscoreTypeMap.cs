using System.Reflection;
using Dapper;

namespace Retort.Internal;

/// <summary>
/// Dapper's default mapping, plus snake_case columns matching PascalCase members (<c>customer_id</c> →
/// <c>CustomerId</c>), registered per row type so Dapper's global settings stay untouched.
/// </summary>
internal sealed class UnderscoreTypeMap(Type type) : SqlMapper.ITypeMap
{
    private readonly DefaultTypeMap _inner = new(type);

    public static void Register(Type type)
    {
        if (Type.GetTypeCode(type) != TypeCode.Object || type == typeof(object) || type.IsArray || type.Namespace == "System") return;
        // A map the application registered itself wins.
        if (SqlMapper.GetTypeMap(type) is DefaultTypeMap) SqlMapper.SetTypeMap(type, new UnderscoreTypeMap(type));
    }

    private static string Plain(string name) => name.Replace("_", "", StringComparison.Ordinal);

    public ConstructorInfo? FindConstructor(string[] names, Type[] types) =>
        _inner.FindConstructor(names, types) ?? _inner.FindConstructor(names.Select(Plain).ToArray(), types);

    public ConstructorInfo? FindExplicitConstructor() => _inner.FindExplicitConstructor();

    public SqlMapper.IMemberMap? GetConstructorParameter(ConstructorInfo constructor, string columnName) =>
        _inner.GetConstructorParameter(constructor, columnName) ?? _inner.GetConstructorParameter(constructor, Plain(columnName));

    public SqlMapper.IMemberMap? GetMember(string columnName) => _inner.GetMember(columnName) ?? _inner.GetMember(Plain(columnName));
}
