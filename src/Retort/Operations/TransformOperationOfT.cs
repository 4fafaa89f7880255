using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Dapper;
using Retort.Internal;

namespace Retort.Operations;

/// <summary>A C# transformation from rows typed <typeparamref name="TIn"/> to rows typed <typeparamref name="TOut"/>.</summary>
/// <typeparam name="TIn">What a source row is read as (mapped by Dapper; snake_case columns match PascalCase members).</typeparam>
/// <typeparam name="TOut">What a target row is; its public properties are the target columns.</typeparam>
public sealed record TransformOperation<[DynamicallyAccessedMembers(TransformOperation.InputMembers)] TIn, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOut> : TransformOperation where TOut : class
{
    /// <summary>Creates the operation.</summary>
    /// <param name="description">What it does.</param>
    /// <param name="targetTable">The table written.</param>
    /// <param name="transform">The transformation; returning null skips the row.</param>
    [RequiresDynamicCode(RequiresDynamicCodeMessage)]
    public TransformOperation(string description, string targetTable, Func<TIn, TOut?> transform) : base(description, targetTable) =>
        Transform = transform;

    /// <summary>The transformation; returning null skips the row.</summary>
    public Func<TIn, TOut?> Transform { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<string> TargetColumns => OutputColumns<TOut>.Names;

    /// <inheritdoc />
    public override string Signature => $"{typeof(TIn).Name} -> {typeof(TOut).Name}";

    internal override Func<DbDataReader, object?[]?> CreateConverter(DbDataReader reader)
    {
        UnderscoreTypeMap.Register(typeof(TIn));
        var parse = reader.GetRowParser<TIn>();
        var getters = OutputColumns<TOut>.Getters;
        var transform = Transform;
        return r =>
        {
            var output = transform(parse(r));
            if (output is null) return null;
            var values = new object?[getters.Length];
            for (var i = 0; i < values.Length; i++) values[i] = getters[i](output);
            return values;
        };
    }
}
