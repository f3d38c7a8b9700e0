using System.Globalization;
using Enrollment.Domain.Rules;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>
/// The editor's list buttons without script: each posts the whole form with an action such as <c>add-subsidy</c>,
/// <c>remove-timing:2</c> or <c>up-subsidy:3</c>, and the page re-renders the changed lists unsaved.
/// </summary>
internal static class PolicyListEdits
{
    /// <summary>Applies a list action to the form; returns a status line in Chinese, or null when the action is not a list edit.</summary>
    public static string? Apply(PolicyEditForm form, IReadOnlyList<string> townships)
    {
        var (verb, list, index) = Parse(form.Action);
        if (verb == "modes" && list == "subsidy" && index >= 0 && index < form.Subsidies.Count)
        {
            var rule = form.Subsidies[index];
            var chosen = rule.TownshipModes.Where(t => !string.IsNullOrEmpty(t.Township) && !string.IsNullOrEmpty(t.Mode))
                .GroupBy(t => t.Township!).ToDictionary(g => g.Key, g => g.Last().Mode!);
            rule.TownshipModes = SubsidyEdit.TownshipRows(townships, chosen);
            return $"请在第 {index + 1} 条资助规则下为另选方式的镇街选择资助方式（尚未保存）。";
        }
        return list switch
        {
            "subsidy" => Edit(form.Subsidies, verb, index, () => NewSubsidy(form.NewBasis), "资助规则"),
            "timing" => Edit(form.Timing, verb, index, () => new TimingEdit { Label = "新的缴费时间规则" }, "缴费时间规则"),
            "phase" => Edit(form.Phases, verb, index, () => new PhaseEdit { Name = "新阶段" }, "征缴阶段"),
            _ => null,
        };
    }

    public static string Action(string verb, string list, int index) => $"{verb}-{list}:{index.ToString(CultureInfo.InvariantCulture)}";

    private static string? Edit<T>(List<T> items, string verb, int index, Func<T> create, string noun)
    {
        switch (verb)
        {
            case "add":
                items.Add(create());
                return $"已在末尾添加一条{noun}（尚未保存）。";
            case "remove" when index >= 0 && index < items.Count:
                items.RemoveAt(index);
                return $"已删除第 {index + 1} 条{noun}（尚未保存）。";
            case "up" when index > 0 && index < items.Count:
                (items[index - 1], items[index]) = (items[index], items[index - 1]);
                return $"已将第 {index + 1} 条{noun}上移（尚未保存）。";
            case "down" when index >= 0 && index < items.Count - 1:
                (items[index + 1], items[index]) = (items[index], items[index + 1]);
                return $"已将第 {index + 1} 条{noun}下移（尚未保存）。";
            default:
                return "";
        }
    }

    private static SubsidyEdit NewSubsidy(string? basis)
    {
        var known = BasisCodes.TryParse(basis, out var code);
        return new SubsidyEdit
        {
            Basis = known ? code.ToCode() : BasisCodes.All[0].ToCode(),
            Department = known ? code.DefaultDepartment() : null,
        };
    }

    private static (string Verb, string List, int Index) Parse(string? action)
    {
        if (string.IsNullOrEmpty(action))
        {
            return ("", "", -1);
        }
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        var head = colon < 0 ? action : action[..colon];
        var index = colon < 0 ? -1 : int.TryParse(action.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -2;
        var dash = head.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? ("", "", -1) : (head[..dash], head[(dash + 1)..], index);
    }
}
