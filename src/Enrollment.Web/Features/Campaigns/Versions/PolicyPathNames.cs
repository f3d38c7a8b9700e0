using System.Globalization;
using System.Text.RegularExpressions;

namespace Enrollment.Web.Features.Campaigns.Versions;

/// <summary>
/// The Chinese name of a policy setting's path, for the version comparison (e.g. 资助规则「孤儿」 · 资助比例). Every
/// setting the document has is named here; a path this table does not know reads 其他设置, never its English key.
/// </summary>
internal static partial class PolicyPathNames
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["name"] = "征缴活动名称", ["campaignId"] = "活动编号", ["jurisdiction"] = "统筹地区", ["source"] = "文件依据",
        ["policyYear"] = "医保年度", ["schemaVersion"] = "文件格式版本", ["individualContribution"] = "个人缴费标准",
        ["fiscalSubsidy"] = "人均财政补助", ["ageReferenceDate"] = "年龄计算基准日", ["collectionWindow"] = "集中征缴期",
        ["firstDayInclusive"] = "开始日", ["lastDayInclusive"] = "结束日", ["share"] = "资助比例", ["countyPart"] = "市（县）级承担比例",
        ["funding"] = "资金来源", ["mode"] = "资助方式", ["modeByTownship"] = "镇街另选资助方式", ["department"] = "负责部门",
        ["firstCertified"] = "首次认定日期条件", ["before"] = "早于", ["onOrAfter"] = "不早于", ["missingDateEligible"] = "未记录认定日期的也享受",
        ["order"] = "顺序", ["label"] = "名称", ["basis"] = "资助对象", ["interpretation"] = "政策依据与解释",
        ["paidFromInclusive"] = "缴费日期从", ["paidThroughInclusive"] = "缴费日期至", ["history"] = "适用参保情况",
        ["newbornWithin"] = "新生儿缴费期限", ["months"] = "月数", ["days"] = "天数", ["amount"] = "应缴金额",
        ["coverage"] = "待遇享受", ["start"] = "起始方式", ["fiscalLevels"] = "财政层级名称", ["county"] = "市（县）级", ["township"] = "镇街级",
    };

    public static string Describe(string path)
    {
        var parts = new List<string>();
        string? previous = null;
        foreach (Match m in Segment().Matches(path))
        {
            var name = m.Groups["name"].Value;
            var index = m.Groups["index"].Success ? m.Groups["index"].Value : null;
            parts.Add((name, index) switch
            {
                ("subsidies", { } basis) => RuleName(basis),
                ("timing", { } i) => $"缴费时间规则第 {Ordinal(i)} 条",
                ("phases", { } i) => $"征缴阶段第 {Ordinal(i)} 个",
                ("notes", { } i) => $"说明第 {Ordinal(i)} 条",
                // The key under modeByTownship is a township's own (Chinese) name.
                (_, null) when previous == "modeByTownship" => name,
                ("name", null) when parts.Count > 0 => "名称",
                // The same words as the editor's fields: a rule's own wording, a timing rule's explanation line.
                ("label", null) when previous == "subsidies" => "政策中的表述",
                ("label", null) when previous == "timing" => "说明",
                (_, { } i) => $"{Known(name)}第 {Ordinal(i)} 项",
                _ => Known(name),
            });
            previous = name;
        }
        return string.Join(" · ", parts);
    }

    /// <summary>subsidies[dibao] → 资助规则「城乡最低生活保障对象」; a second rule of the same basis (dibao#2) says so.</summary>
    private static string RuleName(string key)
    {
        var hash = key.IndexOf('#', StringComparison.Ordinal);
        var basis = hash < 0 ? key : key[..hash];
        return $"资助规则「{CampaignText.Category(basis)}」" + (hash < 0 ? "" : $"（同类第 {key[(hash + 1)..]} 条）");
    }

    private static string Known(string name) => Fields.GetValueOrDefault(name, "其他设置");

    private static string Ordinal(string zeroBased) =>
        int.TryParse(zeroBased, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? (i + 1).ToString(CultureInfo.InvariantCulture) : zeroBased;

    [GeneratedRegex(@"(?<name>[^.\[\]]+)(\[(?<index>[^\]]+)\])?")]
    private static partial Regex Segment();
}
