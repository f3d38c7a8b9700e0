using Enrollment.Domain.Policies;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>
/// The whole editable policy as a plain form: basics, phases, subsidy rules and timing rules in order. Numbers and
/// dates are text (see <see cref="FormReader"/>); what the form does not show (id, year, jurisdiction, source,
/// fiscal level names) is kept from the current version.
/// </summary>
public sealed class PolicyEditForm
{
    public string Name { get; set; } = "";

    public string? IndividualContribution { get; set; }

    public string? FiscalSubsidy { get; set; }

    public string? WindowStart { get; set; }

    public string? WindowEnd { get; set; }

    public string? AgeReferenceDate { get; set; }

    public List<PhaseEdit> Phases { get; set; } = [];

    public List<SubsidyEdit> Subsidies { get; set; } = [];

    public List<TimingEdit> Timing { get; set; } = [];

    /// <summary>说明: one note per line.</summary>
    public string? Notes { get; set; }

    /// <summary>The basis of the rule "添加资助规则" adds.</summary>
    public string? NewBasis { get; set; }

    /// <summary>修改原因: required for an open campaign.</summary>
    public string? Reason { get; set; }

    /// <summary><c>check</c>, <c>preview</c>, <c>save</c>, or a list edit such as <c>up-subsidy:3</c> (see <see cref="PolicyListEdits"/>).</summary>
    public string? Action { get; set; }

    /// <summary>The fingerprint of the change whose impact preview was shown (open campaigns save only that).</summary>
    public string? PreviewOf { get; set; }

    /// <summary>Form mapping leaves a list null when the post has none of its fields (e.g. no phases): make them empty.</summary>
    public PolicyEditForm Normalized()
    {
        Phases ??= [];
        Subsidies ??= [];
        Timing ??= [];
        foreach (var s in Subsidies)
        {
            s.TownshipModes ??= [];
        }
        return this;
    }

    public static PolicyEditForm From(PolicyDocument d, IReadOnlyList<string> townships) => new()
    {
        Name = d.Name,
        IndividualContribution = FormText.Of(d.IndividualContribution),
        FiscalSubsidy = FormText.Of(d.FiscalSubsidy),
        WindowStart = FormText.Of(d.CollectionWindow?.FirstDayInclusive),
        WindowEnd = FormText.Of(d.CollectionWindow?.LastDayInclusive),
        AgeReferenceDate = FormText.Of(d.AgeReferenceDate),
        Phases = [.. (d.CollectionWindow?.Phases ?? []).Select(PhaseEdit.From)],
        Subsidies = [.. (d.Subsidies ?? []).Select(s => SubsidyEdit.From(s, townships))],
        Timing = [.. (d.Timing ?? []).Select(TimingEdit.From)],
        Notes = string.Join('\n', d.Notes ?? []),
    };

    /// <summary>Writes the form onto <paramref name="d"/> (a fresh copy of the current version); unreadable fields go to <paramref name="read"/>.</summary>
    internal void ApplyTo(PolicyDocument d, FormReader read)
    {
        d.Name = Name.Trim();
        // Required: an empty amount must not quietly become 0 元.
        d.IndividualContribution = read.Decimal(IndividualContribution, "individualContribution", "个人缴费标准", required: true) ?? 0m;
        d.FiscalSubsidy = read.Decimal(FiscalSubsidy, "fiscalSubsidy", "人均财政补助", required: true) ?? 0m;
        d.CollectionWindow ??= new CollectionWindowDocument();
        d.CollectionWindow.FirstDayInclusive = read.Date(WindowStart, "collectionWindow.firstDayInclusive", "集中征缴期开始");
        d.CollectionWindow.LastDayInclusive = read.Date(WindowEnd, "collectionWindow.lastDayInclusive", "集中征缴期结束");
        d.CollectionWindow.Phases = Phases.Count == 0 ? null : [.. Phases.Select((p, i) => p.ToDocument(read, $"collectionWindow.phases[{i}]"))];
        d.AgeReferenceDate = read.Date(AgeReferenceDate, "ageReferenceDate", "年龄计算基准日");
        d.Subsidies = [.. Subsidies.Select((s, i) => s.ToDocument(read, $"subsidies[{i}]"))];
        d.Timing = [.. Timing.Select((t, i) => t.ToDocument(read, $"timing[{i}]"))];
        var notes = (Notes ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        d.Notes = notes.Length == 0 ? null : [.. notes];
    }
}
