using System.Text;
using Enrollment.Domain.Errors;
using Enrollment.Domain.Residents;
using Enrollment.Domain.Rules;

namespace Enrollment.Cli.Quote;

/// <summary>Turns the UTF-8 fields of one input row into a <see cref="QuoteRequest"/>; allocates only on errors.</summary>
internal static class QuoteRowParser
{
    public static bool TryParse(
        ReadOnlySpan<byte> id,
        ReadOnlySpan<byte> categories,
        ReadOnlySpan<byte> history,
        ReadOnlySpan<byte> gapYears,
        ReadOnlySpan<byte> paidOn,
        out QuoteRequest request,
        out DomainError error)
    {
        request = default;
        if (!CitizenId.TryParse(Trim(id), out var citizen, out error)
            || !TryParseCategories(categories, out var set, out error)
            || !TryParseHistory(Trim(history), out var h, out error)
            || !TryParseGap(Trim(gapYears), out var gap, out error)
            || !TryParseDate(Trim(paidOn), out var paid))
        {
            if (!error.IsError)
            {
                error = new DomainError { Code = DomainErrorCode.PaymentDateInvalid, Text = Text(paidOn) };
            }

            return false;
        }

        request = new QuoteRequest(citizen, set, h, gap, paid);
        return true;
    }

    /// <summary><c>code</c> or <c>code@YYYY-MM-DD</c>, separated by ';'.</summary>
    public static bool TryParseCategories(ReadOnlySpan<byte> text, out CertifiedCategories set, out DomainError error)
    {
        set = default;
        error = default;
        while (!text.IsEmpty)
        {
            var semi = text.IndexOf((byte)';');
            var token = Trim(semi < 0 ? text : text[..semi]);
            text = semi < 0 ? default : text[(semi + 1)..];
            if (token.IsEmpty)
            {
                continue;
            }

            var at = token.IndexOf((byte)'@');
            var code = Trim(at < 0 ? token : token[..at]);
            DateOnly? first = null;
            if (at >= 0)
            {
                if (!TryParseDate(Trim(token[(at + 1)..]), out var date))
                {
                    error = new DomainError { Code = DomainErrorCode.CategoryDateInvalid, Text = Text(token[(at + 1)..]) };
                    return false;
                }

                first = date;
            }

            if (!BasisCodes.TryParse(code, out var basis))
            {
                error = new DomainError { Code = DomainErrorCode.CategoryUnknown, Text = Text(code) };
                return false;
            }

            if (!set.TryAdd(basis, first, out error))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseHistory(ReadOnlySpan<byte> text, out EnrollmentHistory history, out DomainError error)
    {
        error = default;
        history = EnrollmentHistory.Continuing;
        if (text.IsEmpty || text.SequenceEqual("continuing"u8))
        {
            return true;
        }

        if (text.SequenceEqual("first_time"u8))
        {
            history = EnrollmentHistory.FirstTime;
            return true;
        }

        if (text.SequenceEqual("interrupted"u8))
        {
            history = EnrollmentHistory.Interrupted;
            return true;
        }

        error = new DomainError { Code = DomainErrorCode.HistoryUnknown, Text = Text(text) };
        return false;
    }

    private static bool TryParseGap(ReadOnlySpan<byte> text, out int gap, out DomainError error)
    {
        error = default;
        gap = 0;
        if (text.Length > 3)
        {
            error = new DomainError { Code = DomainErrorCode.GapYearsInvalid, Text = Text(text) };
            return false;
        }

        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                error = new DomainError { Code = DomainErrorCode.GapYearsInvalid, Text = Text(text) };
                return false;
            }

            gap = (gap * 10) + (b - '0');
        }

        return true;
    }

    /// <summary>Strict ISO <c>YYYY-MM-DD</c>.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            return false;
        }

        var year = Digits(text[..4]);
        var month = Digits(text[5..7]);
        var day = Digits(text[8..]);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static int Digits(ReadOnlySpan<byte> text)
    {
        var value = 0;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return -1;
            }

            value = (value * 10) + (b - '0');
        }

        return value;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text) => text.Trim(" \t"u8);

    private static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);
}
