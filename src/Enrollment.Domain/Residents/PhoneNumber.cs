using System.Text;

namespace Enrollment.Domain.Residents;

/// <summary>
/// 联系电话: an 11-digit mainland mobile number (1 then 3–9) or a landline with its area code (0 + 2–3 digits,
/// then a 7–8 digit number, optionally an extension). Registration, household edits and imports all check with
/// this one rule, so a number accepted by one is accepted by all.
/// </summary>
public static class PhoneNumber
{
    /// <summary>Longest text looked at: a landline with area code, extension and separators.</summary>
    public const int MaxLength = 24;

    /// <summary>
    /// Blank → true with null (the phone is optional). Otherwise true with the normal form — the mobile's 11 digits,
    /// or <c>0632-5512345</c> (area code, hyphen, number, <c>-</c>extension) — or false with the Chinese reason.
    /// Spaces and hyphens between digit groups, a leading +86 and full-width digits are accepted as people type them.
    /// </summary>
    public static bool TryNormalize(string? text, out string? normalized, out string? reason)
    {
        normalized = null;
        reason = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (text.Length > MaxLength)
        {
            reason = $"联系电话过长（最多 {MaxLength} 个字符）。";
            return false;
        }

        // Groups of digits separated by blanks or hyphens; anything else is not a phone number.
        var groups = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in text.Trim())
        {
            var c = raw is >= '０' and <= '９' ? (char)(raw - '０' + '0') : raw;
            if (char.IsAsciiDigit(c))
            {
                current.Append(c);
            }
            else if (c is ' ' or '-' or '－' or '\u3000')
            {
                Flush(groups, current);
            }
            else if (c == '+' && groups.Count == 0 && current.Length == 0)
            {
                current.Append('+');
            }
            else
            {
                reason = $"联系电话含有“{raw}”，只能填写数字（座机可用“-”分隔区号）。";
                return false;
            }
        }
        Flush(groups, current);

        if (groups.Count > 0 && groups[0].StartsWith("+86", StringComparison.Ordinal))
        {
            groups[0] = groups[0][3..];
            if (groups[0].Length == 0)
            {
                groups.RemoveAt(0);
            }
        }
        if (groups.Any(g => g.Contains('+', StringComparison.Ordinal)))
        {
            reason = "联系电话只能是中国大陆的手机号码或座机号码。";
            return false;
        }

        var digits = string.Concat(groups);
        if (digits.Length == 11 && digits[0] == '1')
        {
            if (digits[1] is < '3' or > '9')
            {
                reason = "手机号码第二位应为 3–9。";
                return false;
            }
            normalized = digits;
            return true;
        }
        if (digits.Length > 0 && digits[0] == '0')
        {
            return Landline(groups, digits, out normalized, out reason);
        }
        reason = digits.Length is > 0 and < 11 && digits[0] == '1'
            ? $"手机号码应为 11 位，实际为 {digits.Length} 位。"
            : "请填写 11 位手机号码（1 开头），或带区号的座机号码（如 0632-5512345）。";
        return false;
    }

    private static bool Landline(List<string> groups, string digits, out string? normalized, out string? reason)
    {
        normalized = null;
        reason = null;
        // With separators the area code is the first group; without, 010 and 02x are 3 digits, the rest 4.
        string area, rest;
        if (groups.Count >= 2)
        {
            area = groups[0];
            rest = groups[1];
        }
        else
        {
            var areaLength = digits.Length > 1 && digits[1] is '1' or '2' ? 3 : 4;
            if (digits.Length <= areaLength)
            {
                reason = "座机号码缺少电话号码部分。";
                return false;
            }
            area = digits[..areaLength];
            rest = digits[areaLength..];
        }
        var extension = groups.Count >= 3 ? string.Concat(groups.Skip(2)) : "";
        if (area.Length is < 3 or > 4)
        {
            reason = "座机号码的区号应为 3–4 位（0 开头）。";
            return false;
        }
        if (rest.Length is < 7 or > 8 || rest[0] is '0' or '1')
        {
            reason = "座机号码（区号之后）应为 7–8 位，且不以 0 或 1 开头。";
            return false;
        }
        if (extension.Length > 6)
        {
            reason = "分机号最多 6 位。";
            return false;
        }
        normalized = extension.Length == 0 ? $"{area}-{rest}" : $"{area}-{rest}-{extension}";
        return true;
    }

    private static void Flush(List<string> groups, StringBuilder current)
    {
        if (current.Length > 0)
        {
            groups.Add(current.ToString());
            current.Clear();
        }
    }
}
