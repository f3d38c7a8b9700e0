using System.Globalization;
using Enrollment.Domain.Rules;

namespace Enrollment.Web.Features.TrialQuote;

/// <summary>The inputs of one trial quote (试算): who pays, on which date, under which categories (docs/rules.md §2–§4, §7).</summary>
public sealed class TrialQuoteForm
{
    /// <summary>The campaign whose current policy quotes (chosen above the form).</summary>
    public string Campaign { get; set; } = "";

    /// <summary>
    /// The number typed for a trial of anyone. Ignored for an existing resident (<see cref="ResidentId"/>): their
    /// stored number is quoted on the server and never sent to the page.
    /// </summary>
    public string IdNumber { get; set; } = "";

    /// <summary>One row per category the campaign subsidises.</summary>
    public List<CategoryInput> Categories { get; set; } = [];

    public EnrollmentHistory History { get; set; } = EnrollmentHistory.Continuing;

    /// <summary>中断年数, 0 to <see cref="TrialQuoteRules.MaxGapYears"/>.</summary>
    public int GapYears { get; set; }

    public DateOnly? PaidOn { get; set; }

    /// <summary>镇街: matters only where a township chose another subsidy mode.</summary>
    public string? Township { get; set; }

    /// <summary>Set when the trial is for an existing resident (their recorded quote is shown beside it).</summary>
    public long? ResidentId { get; set; }
}

public sealed class CategoryInput
{
    public string Code { get; set; } = "";

    public bool Selected { get; set; }

    /// <summary>首次认定日期, optional.</summary>
    public DateOnly? FirstCertified { get; set; }
}

/// <summary>The ranges a trial's inputs must lie in before anything is quoted, with their Chinese messages.</summary>
public static class TrialQuoteRules
{
    /// <summary>Nobody pays after half a century away; more is a typing slip.</summary>
    public const int MaxGapYears = 50;

    public static readonly DateOnly EarliestDate = new(1900, 1, 1);
    public static readonly DateOnly LatestDate = new(2099, 12, 31);

    public static readonly string GapYearsMessage = $"中断年数应为 0 到 {MaxGapYears} 之间的整数。";

    /// <summary>中断年数 as typed (empty is not 0: the clerk says so): null and the number, or the field's message.</summary>
    public static string? ParseGapYears(string? text, out int years)
    {
        years = 0;
        var typed = text?.Trim() ?? "";
        return typed.Length > 0 && int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out years) && years <= MaxGapYears
            ? null
            : GapYearsMessage;
    }

    public static string? GapYears(int years) => years is < 0 or > MaxGapYears ? GapYearsMessage : null;

    public static string? Date(DateOnly? date, string label) =>
        date is { } d && (d < EarliestDate || d > LatestDate)
            ? string.Create(CultureInfo.InvariantCulture, $"{label}应在 {EarliestDate:yyyy-MM-dd} 至 {LatestDate:yyyy-MM-dd} 之间。")
            : null;
}
