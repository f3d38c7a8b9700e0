using System.Collections.Frozen;
using System.Text;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Enrollment.Data.Configurations;

/// <summary>
/// Enums are stored as snake_case text (<c>NaturalVillage</c> → <c>natural_village</c>) so SQL stays readable;
/// each column has a CHECK listing the same values.
/// </summary>
internal static class EnumText<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> ToTextMap =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => EnumText.SnakeCase(v.ToString()));

    private static readonly FrozenDictionary<string, TEnum> FromTextMap =
        ToTextMap.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Values => ToTextMap.Values;

    public static string ToText(TEnum value) => ToTextMap[value];

    public static TEnum Parse(string text) =>
        FromTextMap.TryGetValue(text, out var value)
            ? value
            : throw new InvalidOperationException($"'{text}' is not a stored value of {typeof(TEnum).Name}.");

    public static ValueConverter<TEnum, string> Converter { get; } = new(v => ToText(v), s => Parse(s));
}

internal static class EnumText
{
    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
