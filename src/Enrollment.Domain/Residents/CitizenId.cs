using System.Globalization;
using System.Text;
using Enrollment.Domain.Errors;

namespace Enrollment.Domain.Residents;

/// <summary>
/// 居民身份证号码 (18 characters, GB 11643): region (6), birth date YYYYMMDD (8), sequence (3, odd = male),
/// ISO 7064 MOD 11-2 check character. Stored packed so parsing and copying never allocate; a 15-digit
/// legacy number is upgraded on parse. See docs/rules.md §2.
/// </summary>
public readonly struct CitizenId : IEquatable<CitizenId>
{
    /// <summary>Birth years before this are rejected as impossible for a living resident.</summary>
    public const int EarliestBirthYear = 1900;

    private static ReadOnlySpan<byte> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private const string CheckCharacters = "10X98765432";

    private readonly long _first17;

    private CitizenId(long first17, char checkCharacter, DateOnly birthDate)
    {
        _first17 = first17;
        CheckCharacter = checkCharacter;
        BirthDate = birthDate;
    }

    /// <summary>出生日期.</summary>
    public DateOnly BirthDate { get; }

    /// <summary>校验码: '0'–'9' or upper-case 'X'.</summary>
    public char CheckCharacter { get; }

    /// <summary>行政区划代码 (first 6 digits).</summary>
    public int RegionCode => (int)(_first17 / 100_000_000_000L);

    /// <summary>顺序码 (digits 15–17).</summary>
    public int Sequence => (int)(_first17 % 1000);

    /// <summary>性别.</summary>
    public Sex Sex => (Sequence & 1) == 1 ? Sex.Male : Sex.Female;

    /// <summary>True for <c>default</c>, which is not a parsed number.</summary>
    public bool IsEmpty => CheckCharacter == '\0';

    /// <summary>The 18-character number, upper-case X.</summary>
    public override string ToString() =>
        IsEmpty ? string.Empty : _first17.ToString("D17", CultureInfo.InvariantCulture) + CheckCharacter;

    /// <summary>Writes the 18 characters as UTF-8; returns false if the destination is too small.</summary>
    public bool TryFormat(Span<byte> utf8, out int written)
    {
        written = 0;
        if (utf8.Length < 18 || IsEmpty)
        {
            return false;
        }

        var rest = _first17;
        for (var i = 16; i >= 0; i--)
        {
            utf8[i] = (byte)('0' + (int)(rest % 10));
            rest /= 10;
        }

        utf8[17] = (byte)CheckCharacter;
        written = 18;
        return true;
    }

    /// <summary>Parses, or throws <see cref="FormatException"/> with the English reason.</summary>
    public static CitizenId Parse(string text) =>
        TryParse(text, out var id, out var error) ? id : throw new FormatException(error.ToEnglish());

    /// <summary>Parses an 18- or 15-character number; on failure <paramref name="error"/> says precisely why.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out CitizenId id, out DomainError error)
    {
        id = default;
        error = default;
        if (text.IsEmpty)
        {
            error = DomainError.Of(DomainErrorCode.IdEmpty);
            return false;
        }

        // Full-width digits first: they look right on screen, so the reason must name them.
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is >= '０' and <= '９')
            {
                error = new DomainError { Code = DomainErrorCode.IdFullWidthDigit, Number = i + 1, Char1 = text[i] };
                return false;
            }
        }

        if (text.Length is not (18 or 15))
        {
            error = new DomainError { Code = DomainErrorCode.IdLength, Number = text.Length };
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var isCheckX = i == 17 && c is 'X' or 'x';
            if (!char.IsAsciiDigit(c) && !isCheckX)
            {
                error = new DomainError { Code = DomainErrorCode.IdInvalidCharacter, Number = i + 1, Char1 = c };
                return false;
            }
        }

        if (!IsProvince(text))
        {
            error = new DomainError { Code = DomainErrorCode.IdUnknownProvince, Number = Digits(text, 0, 2) };
            return false;
        }

        var legacy = text.Length == 15;
        var dateAt = 6;
        var year = legacy ? 1900 + Digits(text, 6, 2) : Digits(text, 6, 4);
        dateAt += legacy ? 2 : 4;
        var month = Digits(text, dateAt, 2);
        var day = Digits(text, dateAt + 2, 2);
        if (year < EarliestBirthYear || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = new DomainError
            {
                Code = DomainErrorCode.IdImpossibleBirthDate, Number = year, Number2 = (month * 100) + day,
            };
            return false;
        }

        // The 17 body digits; a legacy number gains "19" before its two-digit year.
        long first17 = 0;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            int digit = legacy
                ? i < 6 ? text[i] - '0' : i == 6 ? 1 : i == 7 ? 9 : text[i - 2] - '0'
                : text[i] - '0';
            first17 = (first17 * 10) + digit;
            sum += digit * Weights[i];
        }

        var expected = CheckCharacters[sum % 11];
        if (!legacy)
        {
            var found = char.ToUpperInvariant(text[17]);
            if (found != expected)
            {
                error = new DomainError
                {
                    Code = DomainErrorCode.IdCheckCharacterMismatch, Char1 = expected, Char2 = text[17],
                };
                return false;
            }
        }

        id = new CitizenId(first17, expected, new DateOnly(year, month, day));
        return true;
    }

    /// <summary>Parses UTF-8 without allocating (non-ASCII input is decoded so its reason is exact).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out CitizenId id, out DomainError error)
    {
        if (utf8.Length > 64)
        {
            id = default;
            error = new DomainError { Code = DomainErrorCode.IdLength, Number = Encoding.UTF8.GetCharCount(utf8) };
            return false;
        }

        Span<char> chars = stackalloc char[64];
        var count = Encoding.UTF8.GetChars(utf8, chars);
        return TryParse(chars[..count], out id, out error);
    }

    /// <summary>The check character for 17 body digits (ASCII), e.g. to build test data.</summary>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    public bool Equals(CitizenId other) => _first17 == other._first17 && CheckCharacter == other.CheckCharacter;

    public override bool Equals(object? obj) => obj is CitizenId other && Equals(other);

    public override int GetHashCode() => _first17.GetHashCode();

    public static bool operator ==(CitizenId left, CitizenId right) => left.Equals(right);

    public static bool operator !=(CitizenId left, CitizenId right) => !left.Equals(right);

    /// <summary>
    /// Provinces, autonomous regions and municipalities (GB/T 2260: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71),
    /// the residence permits of Hong Kong, Macao and Taiwan residents (81–83), and the foreigners' permanent
    /// residence ID: a 9, then the issuing province's code, with the same check character.
    /// </summary>
    private static bool IsProvince(ReadOnlySpan<char> text) =>
        IsProvinceCode(Digits(text, 0, 2)) || (text[0] == '9' && IsProvinceCode(Digits(text, 1, 2)));

    private static bool IsProvinceCode(int code) => code is >= 11 and <= 15 or >= 21 and <= 23 or >= 31 and <= 37
        or >= 41 and <= 46 or >= 50 and <= 54 or >= 61 and <= 65 or 71 or >= 81 and <= 83;

    private static int Digits(ReadOnlySpan<char> text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            value = (value * 10) + (text[i] - '0');
        }

        return value;
    }
}
