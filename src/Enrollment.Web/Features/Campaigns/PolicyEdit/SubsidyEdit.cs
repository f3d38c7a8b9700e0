using Enrollment.Domain.Policies;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>One subsidy rule (资助规则) as text fields; the order of the list is the policy order.</summary>
public sealed class SubsidyEdit
{
    /// <summary>A category code or age band.</summary>
    public string? Basis { get; set; }

    public string? Label { get; set; }

    /// <summary>资助比例 0–1 (or "60%"); empty = 未规定.</summary>
    public string? Share { get; set; }

    /// <summary>市（县）级承担比例 0–1 (or "50%").</summary>
    public string? CountyPart { get; set; } = "1";

    public string? Funding { get; set; } = "fiscal";

    public string? Mode { get; set; } = "direct";

    /// <summary>One entry per township of the county; an empty mode follows <see cref="Mode"/>.</summary>
    public List<TownshipModeEdit> TownshipModes { get; set; } = [];

    public string? Department { get; set; }

    /// <summary>"" (none), <c>before</c> or <c>onOrAfter</c>: the certification cut-off (首次认定日期).</summary>
    public string? CutoffKind { get; set; }

    public string? CutoffDate { get; set; }

    public bool MissingDateEligible { get; set; }

    /// <summary>政策依据与解释 written for people.</summary>
    public string? Interpretation { get; set; }

    /// <summary>A shipped template's English note on the rule: not shown, kept unless someone writes an explanation.</summary>
    public string? MaintainerInterpretation { get; set; }

    /// <summary>The form for <paramref name="rule"/>, with a mode row for every township (and any override naming another).</summary>
    public static SubsidyEdit From(SubsidyRuleDocument rule, IReadOnlyList<string> townships)
    {
        var overrides = rule.ModeByTownship ?? [];
        return new SubsidyEdit
        {
            Basis = rule.Basis,
            Label = rule.Label,
            Share = FormText.Of(rule.Share),
            CountyPart = FormText.Of(rule.CountyPart),
            Funding = rule.Funding,
            Mode = rule.Mode,
            // Rows for every township only where some township chose otherwise; the rest ask for them (PolicyListEdits).
            TownshipModes = overrides.Count == 0 ? [] : TownshipRows(townships, overrides),
            Department = rule.Department,
            CutoffKind = rule.FirstCertified switch { { Before: not null } => "before", { OnOrAfter: not null } => "onOrAfter", _ => "" },
            CutoffDate = FormText.Of(rule.FirstCertified?.Before ?? rule.FirstCertified?.OnOrAfter),
            MissingDateEligible = rule.FirstCertified?.MissingDateEligible ?? false,
            Interpretation = PolicyNotes.IsForMaintainers(rule.Interpretation) ? null : rule.Interpretation,
            MaintainerInterpretation = PolicyNotes.IsForMaintainers(rule.Interpretation) ? rule.Interpretation : null,
        };
    }

    /// <summary>One row per township in official order (and any override naming another), with its chosen mode.</summary>
    public static List<TownshipModeEdit> TownshipRows(IReadOnlyList<string> townships, IReadOnlyDictionary<string, string> overrides) =>
        [.. townships.Concat(overrides.Keys.Where(k => !townships.Contains(k)))
            .Select(t => new TownshipModeEdit { Township = t, Mode = overrides.GetValueOrDefault(t) })];

    internal SubsidyRuleDocument ToDocument(FormReader read, string path)
    {
        var label = CampaignText.Category(Basis);
        var overrides = TownshipModes.Where(t => !string.IsNullOrWhiteSpace(t.Township) && !string.IsNullOrWhiteSpace(t.Mode))
            .GroupBy(t => t.Township!.Trim()).ToDictionary(g => g.Key, g => g.Last().Mode!);
        return new SubsidyRuleDocument
        {
            Basis = Basis?.Trim() ?? "",
            Label = read.Text(Label, $"{path}.label", $"{label}的名称", PolicyEditForm.NameLength),
            Share = read.Decimal(Share, $"{path}.share", $"{label}的资助比例", percent: true),
            // An empty county part would silently mean "all county"; make it an error instead (the validator's range message).
            CountyPart = read.Decimal(CountyPart, $"{path}.countyPart", $"{label}的市（县）级承担比例", required: true, percent: true) ?? 1m,
            Funding = Funding ?? "",
            Mode = Mode ?? "",
            ModeByTownship = overrides.Count == 0 ? null : overrides,
            Department = read.Text(Department, $"{path}.department", $"{label}的负责部门", PolicyEditForm.DepartmentLength),
            FirstCertified = Cutoff(read, $"{path}.firstCertified", label),
            Interpretation = read.Text(Interpretation, $"{path}.interpretation", $"{label}的政策依据与解释", PolicyEditForm.ExplanationLength, lines: true)
                ?? MaintainerInterpretation,
        };
    }

    private FirstCertifiedDocument? Cutoff(FormReader read, string path, string label)
    {
        var kind = CutoffKind?.Trim() ?? "";
        if (kind.Length == 0)
        {
            return null;
        }
        // The list offers these two: anything else is not quietly read as "不早于".
        if (kind is not ("before" or "onOrAfter"))
        {
            read.Add(path, "form.cutoff_kind", $"{path}: unknown cut-off kind", $"「{label}」的首次认定日期条件无效，请从列表中选择");
            return null;
        }
        // A missing or unreadable date is already reported; leaving the cut-off out avoids a second message.
        if (read.Date(CutoffDate, path, $"{label}的首次认定日期", required: true) is not { } date)
        {
            return null;
        }
        return kind == "before"
            ? new FirstCertifiedDocument { Before = date, MissingDateEligible = MissingDateEligible }
            : new FirstCertifiedDocument { OnOrAfter = date, MissingDateEligible = MissingDateEligible };
    }
}

/// <summary>A township's choice of mode for one rule (乡镇可另选资助方式); empty = the rule's default.</summary>
public sealed class TownshipModeEdit
{
    public string? Township { get; set; }

    public string? Mode { get; set; }
}
