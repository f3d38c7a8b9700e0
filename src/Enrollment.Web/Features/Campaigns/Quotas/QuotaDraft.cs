using System.Globalization;

namespace Enrollment.Web.Features.Campaigns.Quotas;

/// <summary>
/// A quota table being edited: the rows as loaded, what the user typed into each (with the row version they
/// started from), and each row's problem as typed. A refused save keeps what was typed, except in rows someone else
/// changed meanwhile, which show the current figure; a later save still notices a change made since typing began.
/// </summary>
public sealed class QuotaDraft(IReadOnlyList<QuotaRow> rows)
{
    private readonly Dictionary<long, (string Text, uint? Version)> typed = [];
    private Dictionary<long, string> refused = [];

    public IReadOnlyList<QuotaRow> Rows { get; private set; } = rows;

    public string TextOf(QuotaRow row) =>
        typed.TryGetValue(row.JurisdictionId, out var entry) ? entry.Text : row.Target?.ToString(CultureInfo.InvariantCulture) ?? "";

    public void Type(QuotaRow row, string? text)
    {
        var version = typed.TryGetValue(row.JurisdictionId, out var entry) ? entry.Version : row.Version;
        typed[row.JurisdictionId] = (text ?? "", version);
        refused.Remove(row.JurisdictionId);
    }

    /// <summary>Why the row cannot be saved as typed (or as the save refused it), or null.</summary>
    public string? ErrorOf(QuotaRow row) =>
        refused.GetValueOrDefault(row.JurisdictionId)
        ?? (typed.TryGetValue(row.JurisdictionId, out var entry) ? QuotaTarget.Check(row.Target, entry.Text).Error : null);

    /// <summary>Every row's problem, in table order, as the save would list them.</summary>
    public IReadOnlyList<string> Problems => [.. Rows.Where(r => ErrorOf(r) is not null).Select(r => $"{r.Name}：{ErrorOf(r)}。")];

    /// <summary>The rows whose typed figure differs from the loaded one, as the save takes them.</summary>
    public IReadOnlyList<QuotaEdit> Edits =>
    [
        .. Rows.Where(r => typed.TryGetValue(r.JurisdictionId, out var entry) && QuotaTarget.Check(r.Target, entry.Text).NewTarget is not null)
            .Select(r => new QuotaEdit(r.JurisdictionId, typed[r.JurisdictionId].Text, typed[r.JurisdictionId].Version)),
    ];

    /// <summary>The figures the table would hold if saved: typed where readable, else as loaded.</summary>
    public int Sum(IEnumerable<QuotaRow> rows) =>
        rows.Sum(r => QuotaTarget.Check(r.Target, TextOf(r)) is { Error: null, NewTarget: { } changed } ? changed : r.Target ?? 0);

    /// <summary>A "1,000 → 1,200" line per edit, for the confirmation.</summary>
    public IEnumerable<string> Describe() => Edits.Select(e =>
    {
        var row = Rows.First(r => r.JurisdictionId == e.JurisdictionId);
        var after = QuotaTarget.Check(row.Target, e.Target).NewTarget!.Value;
        return $"{row.Name} {row.Target?.ToString("N0", CultureInfo.InvariantCulture) ?? "未设置"} → {after.ToString("N0", CultureInfo.InvariantCulture)}";
    });

    /// <summary>After a refused save: the rows as they are now, conflicted rows reset to them, per-row reasons shown.</summary>
    public void Refused(QuotaSaveResult result, IReadOnlyList<QuotaRow> current)
    {
        ArgumentNullException.ThrowIfNull(result);
        Rows = current;
        foreach (var id in result.Conflicted)
        {
            typed.Remove(id);
        }
        refused = new Dictionary<long, string>(result.RowErrors);
    }

    /// <summary>After a save: the rows as they are now, nothing typed.</summary>
    public void Saved(IReadOnlyList<QuotaRow> current)
    {
        Rows = current;
        typed.Clear();
        refused.Clear();
    }
}
