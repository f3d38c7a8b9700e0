using Enrollment.Domain.Rules;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>What a list button did, said as the page's status line does (nothing is saved until 保存).</summary>
public enum ListEdit
{
    Add,
    Remove,
    Up,
    Down,
}

/// <summary>
/// The editor's list buttons (add, move up, move down, delete, township rows): clicks in the circuit that change the
/// form in memory. Nothing is saved until the administrator saves; each returns the status line to show.
/// </summary>
public static class PolicyListEdits
{
    public static string Apply<T>(List<T> items, ListEdit edit, int index, Func<T> create, string noun)
    {
        switch (edit)
        {
            case ListEdit.Add:
                items.Add(create());
                return $"已在末尾添加一条{noun}（尚未保存）。";
            case ListEdit.Remove when index >= 0 && index < items.Count:
                items.RemoveAt(index);
                return $"已删除第 {index + 1} 条{noun}（尚未保存）。";
            case ListEdit.Up when index > 0 && index < items.Count:
                (items[index - 1], items[index]) = (items[index], items[index - 1]);
                return $"已将第 {index + 1} 条{noun}上移（尚未保存）。";
            case ListEdit.Down when index >= 0 && index < items.Count - 1:
                (items[index + 1], items[index]) = (items[index], items[index + 1]);
                return $"已将第 {index + 1} 条{noun}下移（尚未保存）。";
            case ListEdit.Remove or ListEdit.Up or ListEdit.Down:
                return "";
        }
        return "";
    }

    /// <summary>A new subsidy rule for <paramref name="basis"/>, with the department that usually certifies it.</summary>
    public static SubsidyEdit NewSubsidy(string? basis)
    {
        var known = BasisCodes.TryParse(basis, out var code);
        var chosen = known ? code : BasisCodes.All[0];
        return new SubsidyEdit { Basis = chosen.ToCode(), Department = chosen.DefaultDepartment() is { Length: > 0 } d ? d : null };
    }

    public static TimingEdit NewTiming() => new() { Label = "新的缴费时间规则" };

    public static PhaseEdit NewPhase() => new() { Name = "新阶段" };

    /// <summary>
    /// Asks for the township rows of one rule (按镇街另选资助方式): one per township in official order, keeping any
    /// choice already made. Most rules apply one mode county-wide, so the rows come only when asked for.
    /// </summary>
    public static string ShowTownships(PolicyEditForm form, int index, IReadOnlyList<string> townships)
    {
        if (index < 0 || index >= form.Subsidies.Count || townships.Count == 0)
        {
            return "";
        }
        var rule = form.Subsidies[index];
        var chosen = rule.TownshipModes.Where(t => !string.IsNullOrEmpty(t.Township) && !string.IsNullOrEmpty(t.Mode))
            .GroupBy(t => t.Township!).ToDictionary(g => g.Key, g => g.Last().Mode!);
        rule.TownshipModes = SubsidyEdit.TownshipRows(townships, chosen);
        return $"请在第 {index + 1} 条资助规则下为另选方式的镇街选择资助方式（尚未保存）。";
    }
}
