using Enrollment.Domain.Policies;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>The editable settings of a campaign's policy. Everything else in the document is kept as it is.</summary>
public sealed class PolicyEditForm
{
    public string Name { get; set; } = "";

    public decimal? IndividualContribution { get; set; }

    public decimal? FiscalSubsidy { get; set; }

    public DateOnly? WindowStart { get; set; }

    public DateOnly? WindowEnd { get; set; }

    public DateOnly? AgeReferenceDate { get; set; }

    /// <summary>In policy order, one per subsidy rule of the current version.</summary>
    public List<SubsidyEdit> Subsidies { get; set; } = [];

    /// <summary>修改原因: required for an open campaign.</summary>
    public string? Reason { get; set; }

    /// <summary><c>preview</c> or <c>save</c>.</summary>
    public string? Action { get; set; }

    /// <summary>The fingerprint of the change whose impact preview was shown (open campaigns save only that).</summary>
    public string? PreviewOf { get; set; }

    public static PolicyEditForm From(PolicyDocument d) => new()
    {
        Name = d.Name,
        IndividualContribution = d.IndividualContribution,
        FiscalSubsidy = d.FiscalSubsidy,
        WindowStart = d.CollectionWindow?.FirstDayInclusive,
        WindowEnd = d.CollectionWindow?.LastDayInclusive,
        AgeReferenceDate = d.AgeReferenceDate,
        Subsidies = [.. (d.Subsidies ?? []).Select(s => new SubsidyEdit
        {
            Share = s.Share, CountyPart = s.CountyPart, Funding = s.Funding, Mode = s.Mode, Department = s.Department,
        })],
    };

    /// <summary>Writes the form onto <paramref name="d"/> (a fresh copy of the current version).</summary>
    public void ApplyTo(PolicyDocument d)
    {
        d.Name = Name.Trim();
        d.IndividualContribution = IndividualContribution ?? 0m;
        d.FiscalSubsidy = FiscalSubsidy ?? -1m;
        d.CollectionWindow ??= new CollectionWindowDocument();
        d.CollectionWindow.FirstDayInclusive = WindowStart;
        d.CollectionWindow.LastDayInclusive = WindowEnd;
        d.AgeReferenceDate = AgeReferenceDate;
        var rules = d.Subsidies ?? [];
        for (var i = 0; i < rules.Count && i < Subsidies.Count; i++)
        {
            var edit = Subsidies[i];
            rules[i].Share = edit.Share;
            rules[i].CountyPart = edit.CountyPart ?? -1m;
            rules[i].Funding = edit.Funding ?? "";
            rules[i].Mode = edit.Mode ?? "";
            rules[i].Department = string.IsNullOrWhiteSpace(edit.Department) ? null : edit.Department.Trim();
        }
    }
}

public sealed class SubsidyEdit
{
    /// <summary>资助比例 0–1; empty = 未规定.</summary>
    public decimal? Share { get; set; }

    /// <summary>市（县）级承担比例 0–1.</summary>
    public decimal? CountyPart { get; set; } = 1m;

    public string? Funding { get; set; }

    public string? Mode { get; set; }

    public string? Department { get; set; }
}
