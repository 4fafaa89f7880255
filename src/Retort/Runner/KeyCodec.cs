using System.Globalization;
using System.Text.Json;

namespace Retort.Runner;

/// <summary>
/// Writes a checkpoint key (one value per key column) as text for the progress table and reads it back with its
/// type, so the resumed batch compares like with like (integers, text, UUIDs, dates, decimals).
/// </summary>
internal static class KeyCodec
{
    public static string Encode(IReadOnlyList<object?> values) => JsonSerializer.Serialize(values.Select(EncodeOne).ToArray(), KeyCodecJson.Default.StringArray);

    public static object?[] Decode(string text) =>
        (JsonSerializer.Deserialize(text, KeyCodecJson.Default.StringArray) ?? []).Select(DecodeOne).ToArray();

    private static string? EncodeOne(object? value) => value switch
    {
        null or DBNull => null,
        long or int or short or byte or sbyte or ushort or uint => "i:" + Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        ulong u => "n:" + u.ToString(CultureInfo.InvariantCulture),
        string s => "s:" + s,
        Guid g => "g:" + g.ToString("D"),
        decimal d => "n:" + d.ToString(CultureInfo.InvariantCulture),
        double d => "f:" + d.ToString("R", CultureInfo.InvariantCulture),
        float f => "f:" + ((double)f).ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset d => "o:" + d.ToString("O", CultureInfo.InvariantCulture),
        DateTime d => "t:" + d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => "d:" + d.ToString("O", CultureInfo.InvariantCulture),
        byte[] b => "b:" + Convert.ToBase64String(b),
        _ => throw new RetortException($"A key value of type {value.GetType().Name} cannot be checkpointed; batch by columns of integer, text, UUID, date or numeric type."),
    };

    private static object? DecodeOne(string? text)
    {
        if (text is null) return null;
        var body = text[2..];
        return text[0] switch
        {
            'i' => long.Parse(body, CultureInfo.InvariantCulture),
            's' => body,
            'g' => Guid.Parse(body),
            'n' => decimal.Parse(body, CultureInfo.InvariantCulture),
            'f' => double.Parse(body, CultureInfo.InvariantCulture),
            'o' => DateTimeOffset.Parse(body, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            't' => DateTime.Parse(body, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            'd' => DateOnly.Parse(body, CultureInfo.InvariantCulture),
            'b' => Convert.FromBase64String(body),
            _ => throw new RetortException($"The progress table holds a key Retort cannot read: '{text}'."),
        };
    }
}

/// <summary>The checkpoint key's serializer, generated at compile time (no reflection at run time).</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string?[]))]
internal sealed partial class KeyCodecJson : System.Text.Json.Serialization.JsonSerializerContext;
