using Enrollment.Domain.Policies;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>
/// The whole editable policy: basics, phases, subsidy rules and timing rules in order. Numbers and dates are text
/// (see <see cref="FormReader"/>), so what does not read is explained beside its field instead of vanishing; what the
/// form does not show (id, year, jurisdiction, source, fiscal level names) is kept from the current version, and so
/// are the templates' English maintainer notes, which users never see.
/// </summary>
public sealed class PolicyEditForm
{
    /// <summary>The longest texts the editor takes (a name, a label, a department, an explanation, all notes).</summary>
    public const int NameLength = 100, DepartmentLength = 50, ExplanationLength = 500, NotesLength = 2000;

    public string Name { get; set; } = "";

    public string? IndividualContribution { get; set; }

    public string? FiscalSubsidy { get; set; }

    public string? WindowStart { get; set; }

    public string? WindowEnd { get; set; }

    public string? AgeReferenceDate { get; set; }

    public List<PhaseEdit> Phases { get; set; } = [];

    public List<SubsidyEdit> Subsidies { get; set; } = [];

    public List<TimingEdit> Timing { get; set; } = [];

    /// <summary>说明: one note per line, the notes written for people.</summary>
    public string? Notes { get; set; }

    /// <summary>The English notes of a shipped template: not shown, written back unchanged.</summary>
    public List<string> MaintainerNotes { get; set; } = [];

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
        Notes = string.Join('\n', PolicyNotes.ForPeople(d.Notes)),
        MaintainerNotes = [.. (d.Notes ?? []).Where(PolicyNotes.IsForMaintainers)],
    };

    /// <summary>Writes the form onto <paramref name="d"/> (a fresh copy of the current version); unreadable fields go to <paramref name="read"/>.</summary>
    internal void ApplyTo(PolicyDocument d, FormReader read)
    {
        d.Name = read.Text(Name, "name", "征缴活动名称", NameLength) ?? "";
        // Required: an empty amount must not quietly become 0 元. The upper bounds keep an absurd figure out of the re-quote.
        d.IndividualContribution = read.Decimal(IndividualContribution, "individualContribution", "个人缴费标准", required: true,
            min: 0.01m, max: 10_000m, unit: "元") ?? 0m;
        d.FiscalSubsidy = read.Decimal(FiscalSubsidy, "fiscalSubsidy", "人均财政补助", required: true, min: 0m, max: 10_000m, unit: "元") ?? 0m;
        d.CollectionWindow ??= new CollectionWindowDocument();
        d.CollectionWindow.FirstDayInclusive = read.Date(WindowStart, "collectionWindow.firstDayInclusive", "集中征缴期开始");
        d.CollectionWindow.LastDayInclusive = read.Date(WindowEnd, "collectionWindow.lastDayInclusive", "集中征缴期结束");
        d.CollectionWindow.Phases = Phases.Count == 0 ? null : [.. Phases.Select((p, i) => p.ToDocument(read, $"collectionWindow.phases[{i}]"))];
        d.AgeReferenceDate = read.Date(AgeReferenceDate, "ageReferenceDate", "年龄计算基准日");
        d.Subsidies = [.. Subsidies.Select((s, i) => s.ToDocument(read, $"subsidies[{i}]"))];
        d.Timing = [.. Timing.Select((t, i) => t.ToDocument(read, $"timing[{i}]"))];
        var people = read.Text(Notes, "notes", "说明", NotesLength, lines: true)?
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        List<string> notes = [.. MaintainerNotes, .. people];
        d.Notes = notes.Count == 0 ? null : notes;
    }
}
