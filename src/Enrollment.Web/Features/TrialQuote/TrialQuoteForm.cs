using System.ComponentModel.DataAnnotations;
using Enrollment.Domain.Rules;

namespace Enrollment.Web.Features.TrialQuote;

/// <summary>What the trial quote page posts (试算): the inputs of one quote, policies.md §1.</summary>
public sealed class TrialQuoteForm
{
    /// <summary>The campaign whose current policy quotes (a hidden field; chosen above the form).</summary>
    public string Campaign { get; set; } = "";

    /// <summary>
    /// The number typed for a trial of anyone. Empty and ignored for an existing resident (<see cref="ResidentId"/>):
    /// their stored number is used on the server and never sent to the page.
    /// </summary>
    public string IdNumber { get; set; } = "";

    /// <summary>One row per category the campaign subsidises.</summary>
    public List<CategoryInput> Categories { get; set; } = [];

    public EnrollmentHistory History { get; set; } = EnrollmentHistory.Continuing;

    [Range(0, 50, ErrorMessage = "中断年数应在 0 到 50 之间。")]
    public int GapYears { get; set; }

    [Required(ErrorMessage = "请选择缴费日期。")]
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
