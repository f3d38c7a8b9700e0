using System.Globalization;
using System.Text;
using Enrollment.Domain.Policies;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>
/// Reads the editor's text fields into numbers and dates, collecting a problem (with the policy path the validator
/// would use, so it shows beside the same field) for each one that does not read. Fields are bound as text because
/// a number that fails to bind would otherwise arrive as empty, and an empty share means 未规定.
/// </summary>
internal sealed class FormReader
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyyMMdd", "yyyy.M.d"];
    private readonly List<PolicyProblem> problems = [];

    public IReadOnlyList<PolicyProblem> Problems => problems;

    /// <summary>A decimal; <paramref name="percent"/> also accepts "60%" as 0.6. Empty = null (and an error when required).</summary>
    public decimal? Decimal(string? text, string path, string label, bool required = false, bool percent = false)
    {
        var t = Normalize(text);
        if (t.Length == 0)
        {
            return Missing<decimal>(path, label, required);
        }
        var isPercent = percent && t.EndsWith('%');
        t = t.TrimEnd('%', '元').Replace(",", "", StringComparison.Ordinal).Trim();
        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Add(path, "form.number", $"{path}: '{text}' is not a number", $"「{label}」应填写数字，实际为“{text}”");
            return null;
        }
        return isPercent ? value / 100m : value;
    }

    public int? Int(string? text, string path, string label, bool required = false)
    {
        var t = Normalize(text);
        if (t.Length == 0)
        {
            return Missing<int>(path, label, required);
        }
        if (!int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Add(path, "form.integer", $"{path}: '{text}' is not a whole number", $"「{label}」应填写整数，实际为“{text}”");
            return null;
        }
        return value;
    }

    public DateOnly? Date(string? text, string path, string label, bool required = false)
    {
        var t = Normalize(text);
        if (t.Length == 0)
        {
            return Missing<DateOnly>(path, label, required);
        }
        if (!DateOnly.TryParseExact(t, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            Add(path, "form.date", $"{path}: '{text}' is not a date (yyyy-MM-dd)", $"「{label}」应为日期（如 2025-12-31），实际为“{text}”");
            return null;
        }
        return value;
    }

    /// <summary>A problem of the form itself (e.g. a cut-off kind chosen without its date).</summary>
    public void Add(string path, string code, string message, string chinese) =>
        problems.Add(new PolicyProblem(ProblemSeverity.Error, path, code, message, chinese));

    private T? Missing<T>(string path, string label, bool required) where T : struct
    {
        if (required)
        {
            Add(path, "form.required", $"{path} is required", $"「{label}」不能为空");
        }
        return null;
    }

    /// <summary>Full-width digits and signs (typed with a Chinese IME) read as their ASCII forms.</summary>
    private static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            sb.Append(c switch
            {
                >= '０' and <= '９' => (char)('0' + (c - '０')),
                '．' or '。' => '.',
                '％' => '%',
                '－' => '-',
                '／' => '/',
                '，' => ',',
                _ => c,
            });
        }
        return sb.ToString();
    }
}
