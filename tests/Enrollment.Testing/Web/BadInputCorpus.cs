using System.Text.RegularExpressions;

namespace Enrollment.Testing.Web;

/// <summary>
/// One value of the bad-input corpus. <see cref="Garbage"/>: no field may store it (text nobody types, or beyond any
/// length a field takes); the other values may be valid in some field (an empty optional note, a full-width number
/// that normalises to digits) and are refused or stored normalised as the field's own rule says.
/// </summary>
public sealed record BadValue(string Label, object? Value, bool Garbage)
{
    public override string ToString() => Label;
}

/// <summary>
/// What an adversarial client puts into a form, field by field: for each type a form field can have, the values that
/// break assumptions — empty and blank text, 10,000 characters, control and direction-override characters, the
/// replacement character and a lone surrogate left by a broken encoding, undecoded percent escapes, SQL-looking
/// text, full-width digits, emoji, impossible and extreme dates, numbers that overflow, enum values no member has,
/// and ids that do not exist. Tests walk every field of every form with it (one field at a time, the rest valid).
/// </summary>
public static partial class BadInputCorpus
{
    public const string LongText = "10,000 characters";

    /// <summary>Values for a text field (also the query strings and form posts of the HTTP tests).</summary>
    public static readonly IReadOnlyList<BadValue> Strings =
    [
        new("empty", "", false),
        new("whitespace", " \t\u3000 ", false),
        new(LongText, new string('王', 10_000), true),
        new("NUL", "王\u0000明", true),
        new("control character (BEL)", "王\u0007明", true),
        new("escape sequence", "\u001B[31m王明", true),
        new("RTL override", "\u202E明小王", true),
        new("zero-width space", "王\u200B明", true),
        new("U+FFFD", "王\uFFFD明", true),
        new("lone surrogate", "王\uD800明", true),
        new("undecoded percent escapes", "%FF%FE%FD", true),
        new("SQL-ish", "23 OR 1=1", false),
        new("SQL comment", "x'; DROP TABLE residents; --", false),
        new("full-width digits", "１２３４５６", false),
        new("emoji", "王😀明", false),
        new("date 2024-02-30", "2024-02-30", false),
        new("abc", "abc", false),
        new("date 0001-01-01", "0001-01-01", false),
        new("date 9999-12-31", "9999-12-31", false),
        new("negative", "-1", false),
        new("huge number", "99999999999999999999", false),
        new("NaN", "NaN", false),
        new("1e308", "1e308", false),
        new("int overflow", "2147483648", false),
    ];

    /// <summary>Ids that name nothing: zero, negative, the largest and smallest.</summary>
    public static readonly IReadOnlyList<BadValue> Longs =
    [
        new("id 0", 0L, true), new("id -1", -1L, true), new("id long.MaxValue", long.MaxValue, true), new("id long.MinValue", long.MinValue, true),
    ];

    public static readonly IReadOnlyList<BadValue> Ints =
    [
        new("0", 0, false), new("-1", -1, false), new("int.MinValue", int.MinValue, false), new("int.MaxValue", int.MaxValue, false),
        new("99999", 99_999, false),
    ];

    /// <summary>Row versions nobody was shown.</summary>
    public static readonly IReadOnlyList<BadValue> UInts =
    [
        new("version 0", 0u, true), new("version uint.MaxValue", uint.MaxValue, true), new("version 12345", 12_345u, true),
    ];

    public static readonly IReadOnlyList<BadValue> Dates =
    [
        new("date 0001-01-01", DateOnly.MinValue, true), new("date 9999-12-31", DateOnly.MaxValue, true),
    ];

    /// <summary>Ids of kept work (an import's check) that are nobody's: empty, and one never handed out.</summary>
    public static readonly IReadOnlyList<BadValue> Guids =
    [
        new("guid empty", Guid.Empty, true), new("guid never issued", new Guid("0f0e0d0c-0b0a-0908-0706-050403020100"), true),
    ];

    public static readonly IReadOnlyList<BadValue> Bools = [new("true", true, false), new("false", false, false)];

    /// <summary>Enum values no member has, cast from an int as a tampered circuit can send them.</summary>
    public static IReadOnlyList<BadValue> Enums(Type enumType) =>
    [
        new($"({enumType.Name})99", Enum.ToObject(enumType, 99), true),
        new($"({enumType.Name})-1", Enum.ToObject(enumType, -1), true),
    ];

    /// <summary>The corpus for a field of <paramref name="type"/> (null added when the field may hold it).</summary>
    public static IReadOnlyList<BadValue> For(Type type, bool nullable)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var core = underlying ?? type;
        IReadOnlyList<BadValue> values =
            core == typeof(string) ? Strings
            : core == typeof(long) ? Longs
            : core == typeof(int) ? Ints
            : core == typeof(uint) ? UInts
            : core == typeof(DateOnly) ? Dates
            : core == typeof(bool) ? Bools
            : core == typeof(Guid) ? Guids
            : core.IsEnum ? Enums(core)
            : [];
        return nullable || underlying is not null ? [.. values, new BadValue("null", null, false)] : values;
    }

    /// <summary>Whether a message is written in Chinese (holds at least one CJK ideograph).</summary>
    public static bool IsChinese(string? message) => message is not null && Cjk().IsMatch(message);

    /// <summary>
    /// Why a stored string could not have been typed by a person (null when it could): a control character other
    /// than a line break, a format or private-use character, the replacement character, a lone surrogate, or an
    /// undecoded percent escape.
    /// </summary>
    public static string? Unclean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                return $"lone surrogate U+{(int)c:X4}";
            }
            var category = char.GetUnicodeCategory(c);
            if (c == '\n')
            {
                continue;
            }
            if (c == '\uFFFD' || category is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.PrivateUse)
            {
                return $"U+{(int)c:X4} ({category})";
            }
        }
        return PercentEscape().IsMatch(text) ? "an undecoded percent escape" : null;
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    [GeneratedRegex("%[89A-Fa-f][0-9A-Fa-f]")]
    private static partial Regex PercentEscape();
}
