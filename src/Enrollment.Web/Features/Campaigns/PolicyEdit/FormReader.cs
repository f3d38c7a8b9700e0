using System.Globalization;
using System.Text;
using Enrollment.Domain.Policies;
using Enrollment.Web.Components.Forms;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>
/// Reads the editor's text fields into numbers, dates and text, collecting a problem (with the policy path the
/// validator would use, so it shows beside the same field) for each one that does not read or lies outside its
/// sensible range. Fields are bound as text because a number that fails to bind would otherwise arrive as empty, and
/// an empty share means 未规定. The ranges are checked here, before anything is validated, previewed or saved: an
/// absurd amount must never reach the re-quote (whose numeric(12,2) columns it would overflow).
/// </summary>
internal sealed class FormReader
{
    /// <summary>The dates a policy may name: campaigns run from 2000 to 2100 (the schema's policy years).</summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyyMMdd", "yyyy.M.d"];
    private readonly List<PolicyProblem> problems = [];

    public IReadOnlyList<PolicyProblem> Problems => problems;

    /// <summary>
    /// A decimal within [<paramref name="min"/>, <paramref name="max"/>] when given; <paramref name="percent"/> also
    /// accepts "60%" as 0.6. Empty = null (and an error when required).
    /// </summary>
    public decimal? Decimal(string? text, string path, string label, bool required = false, bool percent = false,
        decimal? min = null, decimal? max = null, string unit = "")
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
        value = isPercent ? value / 100m : value;
        if (value < min || value > max)
        {
            Add(path, "form.range", $"{path}: {value} is outside {min}–{max}",
                $"「{label}」应在 {Between(Number(min), Number(max), unit)}，实际为“{text}”");
            return null;
        }
        return value;
    }

    public int? Int(string? text, string path, string label, int min, int max, string unit, bool required = false)
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
        if (value < min || value > max)
        {
            Add(path, "form.range", $"{path}: {value} is outside {min}–{max}", $"「{label}」应在 {Between(min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture), unit)}，实际为 {value}");
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
        if (value < EarliestDate || value > LatestDate)
        {
            Add(path, "form.date_range", $"{path}: {value:yyyy-MM-dd} is outside 2000–2100",
                $"「{label}」应在 2000-01-01 至 2100-12-31 之间，实际为 {value:yyyy-MM-dd}");
            return null;
        }
        return value;
    }

    /// <summary>
    /// Text of at most <paramref name="maxLength"/> characters, read as every free text is (<see cref="TextInput"/>:
    /// trimmed, full-width letters and digits made ASCII, no control characters or garbled text; line breaks only
    /// where <paramref name="lines"/>). Empty = null (and an error when required).
    /// </summary>
    public string? Text(string? text, string path, string label, int maxLength, bool required = false, bool lines = false)
    {
        var t = text?.Trim() ?? "";
        if (t.Length == 0)
        {
            if (required)
            {
                Add(path, "form.required", $"{path} is required", $"「{label}」不能为空");
            }
            return null;
        }
        var read = lines ? TextInput.ReadLines(t, $"「{label}」", int.MaxValue) : TextInput.Read(t, $"「{label}」", int.MaxValue);
        if (read.Problem is { } problem)
        {
            Add(path, "form.text", $"{path} holds characters nobody types", problem.TrimEnd('。'));
            return null;
        }
        t = read.Value!;
        if (t.Length > maxLength)
        {
            Add(path, "form.length", $"{path} is longer than {maxLength}", $"「{label}」不能超过 {maxLength} 个字，现为 {t.Length} 个字");
            return null;
        }
        return t;
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

    private static string Between(string min, string max, string unit) => unit.Length == 0 ? $"{min} 至 {max} 之间" : $"{min} 至 {max} {unit}之间";

    private static string Number(decimal? value) => value?.ToString("#,0.##", CultureInfo.InvariantCulture) ?? "";

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
