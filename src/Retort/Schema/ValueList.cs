using System.Collections;

namespace Retort.Schema;

/// <summary>
/// An immutable list that compares by its elements, so records holding lists (tables, indexes, keys) get
/// structural equality: two models are equal when they describe the same schema.
/// </summary>
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] _items;

    /// <summary>The empty list.</summary>
    public static readonly ValueList<T> Empty = new([]);

    /// <summary>Creates a list holding a copy of <paramref name="items"/>.</summary>
    public ValueList(IEnumerable<T> items) => _items = items.ToArray();

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc />
    public bool Equals(ValueList<T>? other) =>
        other is not null && _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items) hash.Add(item);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(", ", _items) + "]";

    /// <summary>Wraps an array or any sequence.</summary>
    public static implicit operator ValueList<T>(T[] items) => new(items);

    /// <summary>Equality by elements.</summary>
    public static bool operator ==(ValueList<T>? a, ValueList<T>? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Inequality by elements.</summary>
    public static bool operator !=(ValueList<T>? a, ValueList<T>? b) => !(a == b);
}

/// <summary>Helpers to build <see cref="ValueList{T}"/> values.</summary>
public static class ValueList
{
    /// <summary>Creates a list from a sequence.</summary>
    public static ValueList<T> Of<T>(IEnumerable<T> items) => new(items);

    /// <summary>Creates a list from the given items.</summary>
    public static ValueList<T> Of<T>(params T[] items) => new(items);

    /// <summary>Copies a sequence into a <see cref="ValueList{T}"/>.</summary>
    public static ValueList<T> ToValueList<T>(this IEnumerable<T> items) => new(items);
}
