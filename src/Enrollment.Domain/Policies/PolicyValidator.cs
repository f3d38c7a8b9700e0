using System.Globalization;
using Enrollment.Domain.Rules;

namespace Enrollment.Domain.Policies;

/// <summary>
/// Checks a <see cref="PolicyDocument"/> and reports every problem with its path, in English and Chinese.
/// Unset shares are warnings; overlapping timing rules are normal (first match wins) and not reported.
/// </summary>
public static class PolicyValidator
{
    public static PolicyValidationResult Validate(PolicyDocument document)
    {
        var p = new ProblemList();
        CheckHeader(document, p);
        var yearStart = new DateOnly(Math.Clamp(document.PolicyYear, 1, 9999), 1, 1);
        var yearEnd = new DateOnly(yearStart.Year, 12, 31);
        CollectionWindowChecks.Check(document.CollectionWindow, yearEnd, p);
        if (document.AgeReferenceDate is { } reference && reference > yearEnd)
        {
            p.Error("ageReferenceDate", "age_reference.after_year",
                $"ageReferenceDate {D(reference)} must not be after the policy year ends ({D(yearEnd)})",
                $"年龄计算基准日 {D(reference)} 不能晚于本年度最后一天 {D(yearEnd)}");
        }

        var subsidies = document.Subsidies ?? [];
        for (var i = 0; i < subsidies.Count; i++)
        {
            SubsidyRuleChecks.Check(subsidies[i], $"subsidies[{i}]", p);
        }

        var timing = document.Timing ?? [];
        if (timing.Count == 0)
        {
            p.Error("timing", "timing.missing", "timing must list at least one rule", "至少需要一条缴费时间规则");
        }

        for (var i = 0; i < timing.Count; i++)
        {
            TimingRuleChecks.Check(timing[i], $"timing[{i}]", yearEnd, p);
        }

        if (!p.HasErrors)
        {
            TimingRuleChecks.CheckCoverage(document, p);
        }

        return new PolicyValidationResult(p.Items);
    }

    private static void CheckHeader(PolicyDocument d, ProblemList p)
    {
        if (d.SchemaVersion != PolicyDocument.CurrentSchemaVersion)
        {
            p.Error("schemaVersion", "schema.version",
                $"schemaVersion must be {PolicyDocument.CurrentSchemaVersion}, found {d.SchemaVersion}",
                $"不支持的文件格式版本 {d.SchemaVersion}（应为 {PolicyDocument.CurrentSchemaVersion}）");
        }

        if (string.IsNullOrWhiteSpace(d.CampaignId) || !d.CampaignId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            p.Error("campaignId", "campaign_id.invalid",
                "campaignId must be non-empty lower-case letters, digits and '-'",
                "征缴活动编号不能为空，只能包含小写字母、数字和“-”");
        }

        if (d.Version < 1)
        {
            p.Error("version", "version.invalid", "version must be at least 1", "版本号至少为 1");
        }

        if (string.IsNullOrWhiteSpace(d.Name))
        {
            p.Error("name", "name.missing", "name must not be empty", "征缴活动名称不能为空");
        }

        if (d.PolicyYear is < 2000 or > 2100)
        {
            p.Error("policyYear", "policy_year.range", $"policyYear must be between 2000 and 2100, found {d.PolicyYear}",
                $"医保年度应在 2000 至 2100 之间，实际为 {d.PolicyYear}");
        }

        CheckMoney(d.IndividualContribution, "individualContribution", "个人缴费标准", mustBePositive: true, p);
        CheckMoney(d.FiscalSubsidy, "fiscalSubsidy", "人均财政补助标准", mustBePositive: false, p);
        if (d.FiscalLevels is { } levels && (string.IsNullOrWhiteSpace(levels.County) || string.IsNullOrWhiteSpace(levels.Township)))
        {
            p.Error("fiscalLevels", "fiscal_levels.missing", "fiscalLevels.county and fiscalLevels.township must not be empty",
                "市（县）级和镇（街）级财政名称不能为空");
        }
    }

    private static void CheckMoney(decimal value, string path, string chineseName, bool mustBePositive, ProblemList p)
    {
        if (mustBePositive ? value <= 0 : value < 0)
        {
            p.Error(path, "money.range", $"{path} must be {(mustBePositive ? "greater than 0" : "0 or more")}, found {value}",
                $"{chineseName}必须{(mustBePositive ? "大于 0" : "不小于 0")}，实际为 {value}");
        }
        else if (Money.RoundToCent(value) != value)
        {
            p.Error(path, "money.cents", $"{path} must be whole cents, found {value}", $"{chineseName}最多保留两位小数（分），实际为 {value}");
        }
    }

    internal static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
