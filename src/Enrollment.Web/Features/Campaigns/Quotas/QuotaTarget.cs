using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Enrollment.Web.Features.Campaigns.Quotas;

public enum ParsedTargetKind
{
    Empty,
    Number,
    Invalid,
}

/// <summary>A typed target: empty, a number of people, or invalid with the reason in Chinese.</summary>
public sealed record ParsedTarget(ParsedTargetKind Kind, int Value = 0, string? Error = null);

/// <summary>What typing a target into a row means: why it cannot be saved, or the new figure (null = no change).</summary>
public sealed record TargetCheck(string? Error, int? NewTarget);

/// <summary>
/// Reads a target as people type it in a township office: full-width digits from a Chinese IME and thousands
/// separators copied from Excel (12,345) are accepted; anything else is refused with a reason, never ignored.
/// </summary>
public static partial class QuotaTarget
{
    /// <summary>Above any county's population: a larger figure is a typing slip (an extra zero or two).</summary>
    public const int Max = 10_000_000;

    /// <summary>
    /// The one rule for a typed target, shown beside the field as it is typed and applied again by the save: a
    /// quota once set cannot be emptied (0 says "no quota any more"), and a figure equal to the current one is no change.
    /// </summary>
    public static TargetCheck Check(int? current, string? text)
    {
        var parsed = Parse(text);
        return parsed.Kind switch
        {
            ParsedTargetKind.Empty => new TargetCheck(current is null ? null : "已有任务数不能清空；如不再下达任务，请填 0", null),
            ParsedTargetKind.Invalid => new TargetCheck(parsed.Error, null),
            ParsedTargetKind.Number => new TargetCheck(null, parsed.Value == current ? null : parsed.Value),
        };
    }

    public static ParsedTarget Parse(string? text)
    {
        var s = Normalize(text ?? "");
        if (s.Length == 0)
        {
            return new ParsedTarget(ParsedTargetKind.Empty);
        }
        var negative = s.StartsWith('-');
        if (negative)
        {
            s = s[1..];
        }
        if (Grouped().IsMatch(s))
        {
            s = s.Replace(",", "", StringComparison.Ordinal);
        }
        if (negative && Decimal().IsMatch(s))
        {
            return Invalid("任务数不能为负数");
        }
        if (Decimal().IsMatch(s) && !Digits().IsMatch(s))
        {
            return Invalid("任务数是人数，须为整数");
        }
        if (negative || !Digits().IsMatch(s))
        {
            return Invalid($"“{text!.Trim()}”不是有效的人数，请填写整数");
        }
        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > Max)
        {
            return Invalid($"任务数过大，不能超过 {Max.ToString("N0", CultureInfo.InvariantCulture)} 人");
        }
        return new ParsedTarget(ParsedTargetKind.Number, value);
    }

    private static ParsedTarget Invalid(string error) => new(ParsedTargetKind.Invalid, Error: error);

    /// <summary>Full-width forms (０-９，－．) to ASCII and spaces dropped, so what looks right is read right.</summary>
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            switch (c)
            {
                case >= '０' and <= '９':
                    builder.Append((char)('0' + (c - '０')));
                    break;
                case '，':
                    builder.Append(',');
                    break;
                case '－' or '−':
                    builder.Append('-');
                    break;
                case '．':
                    builder.Append('.');
                    break;
                case ' ' or '\u3000':
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"^\d{1,3}(,\d{3})+$")]
    private static partial Regex Grouped();

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^\d+(\.\d*)?$")]
    private static partial Regex Decimal();
}
