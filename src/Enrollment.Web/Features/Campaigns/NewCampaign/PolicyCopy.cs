using System.Globalization;
using System.Text.Json.Nodes;
using Enrollment.Domain.Policies;

namespace Enrollment.Web.Features.Campaigns;

/// <summary>
/// A policy document copied into a new campaign's first version: every setting kept, every date moved by whole
/// years, id/year/name/version set, a note that the amounts still need confirming. Shared by "next year from this
/// year's campaign" and "new campaign from a shipped template" so both drafts read the same way.
/// </summary>
internal static class PolicyCopy
{
    /// <summary>
    /// The note added to the copy. Amounts are copied unchanged because a new year's standard is set by a later
    /// government notice; the note keeps an administrator from opening the campaign on last year's figures.
    /// </summary>
    public static string AmountsNote(string draft, int years, string origin) =>
        $"{draft}草稿：{ShiftText(years)}；个人缴费标准、财政补助和资助比例沿用{origin}，请管理员核对确认后再开始征缴。";

    /// <summary>
    /// <paramref name="json"/> moved from <paramref name="fromYear"/> to <paramref name="toYear"/>. The year in the
    /// name follows; when <paramref name="jurisdiction"/> is given it replaces the document's jurisdiction, in
    /// the name too when the name spells it out. Re-serialized canonically when it still parses.
    /// </summary>
    public static string Shift(string json, string code, int fromYear, int toYear, string? jurisdiction, string note)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        PolicyYearShift.ShiftDates(root, toYear - fromYear);
        var name = root["name"]?.GetValue<string>() ?? "";
        name = name.Replace(fromYear.ToString(CultureInfo.InvariantCulture), toYear.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        if (jurisdiction is not null)
        {
            name = RenameJurisdiction(name, root["jurisdiction"]?.GetValue<string>(), jurisdiction);
            root["jurisdiction"] = jurisdiction;
        }
        root["campaignId"] = code;
        root["policyYear"] = toYear;
        root["version"] = 1;
        root["name"] = name;
        var notes = root["notes"] as JsonArray ?? [];
        notes.Add(note);
        root["notes"] = notes.DeepClone();
        return PolicyJson.TryDeserialize(root.ToJsonString(), out var document, out _) ? PolicyJson.Serialize(document!) : root.ToJsonString();
    }

    private static string ShiftText(int years) => years switch
    {
        0 => "日期未调整",
        1 => "日期已顺延一年",
        > 0 => $"日期已顺延{years}年",
        _ => $"日期已提前{-years}年",
    };

    /// <summary>
    /// 滕州市2025年度… → 鲍沟镇2025年度… Templates name either the whole jurisdiction (滕州市) or only its last
    /// part (鲍沟镇 of 滕州市鲍沟镇), so both are tried; a name that spells neither is left for the administrator.
    /// </summary>
    private static string RenameJurisdiction(string name, string? old, string replacement)
    {
        if (string.IsNullOrEmpty(old) || old == replacement)
        {
            return name;
        }
        if (name.Contains(old, StringComparison.Ordinal))
        {
            return name.Replace(old, replacement, StringComparison.Ordinal);
        }
        var cut = old.LastIndexOfAny(['市', '县', '区']);
        var tail = cut >= 0 && cut < old.Length - 1 ? old[(cut + 1)..] : null;
        return tail is not null && name.Contains(tail, StringComparison.Ordinal) ? name.Replace(tail, replacement, StringComparison.Ordinal) : name;
    }
}
