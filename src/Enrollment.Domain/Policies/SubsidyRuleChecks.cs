using Enrollment.Domain.Rules;

namespace Enrollment.Domain.Policies;

/// <summary>Checks one subsidy rule document.</summary>
internal static class SubsidyRuleChecks
{
    public static void Check(SubsidyRuleDocument rule, string path, ProblemList p)
    {
        var known = BasisCodes.TryParse(rule.Basis, out var basis);
        if (!known)
        {
            p.Error($"{path}.basis", "subsidy.basis.unknown", $"{path}.basis '{rule.Basis}' is not a category or age code",
                $"资助依据“{rule.Basis}”不是已知的人员类别或年龄段代码");
        }

        var label = string.IsNullOrWhiteSpace(rule.Label) ? (known ? basis.ChineseName() : rule.Basis) : rule.Label;
        if (rule.Share is null)
        {
            p.Warning($"{path}.share", "subsidy.share.unset",
                $"{path}.share is unset: the rule stays inactive until it is set",
                $"「{label}」的资助比例未规定，设置前该项资助不生效");
        }
        else if (rule.Share is <= 0m or > 1m)
        {
            p.Error($"{path}.share", "subsidy.share.range", $"{path}.share must be between 0 and 1, found {rule.Share}",
                $"「{label}」的资助比例应大于 0 且不超过 1（100%），实际为 {rule.Share}");
        }

        if (rule.CountyPart is < 0m or > 1m)
        {
            p.Error($"{path}.countyPart", "subsidy.county_part.range",
                $"{path}.countyPart must be between 0 and 1 (the county share cannot exceed the subsidy), found {rule.CountyPart}",
                $"「{label}」的市（县）级财政承担比例应在 0 至 1 之间，市（县）级承担部分不能超过资助金额，实际为 {rule.CountyPart}");
        }

        if (!PolicyCodes.TryParseFunding(rule.Funding, out _))
        {
            p.Error($"{path}.funding", "subsidy.funding.unknown",
                $"{path}.funding '{rule.Funding}' must be fiscal, medical_assistance or special_group",
                $"「{label}」的资金来源“{rule.Funding}”无效（应为财政、医疗救助资金或特殊人群政府代缴）");
        }

        if (!PolicyCodes.TryParseMode(rule.Mode, out _))
        {
            p.Error($"{path}.mode", "subsidy.mode.unknown", $"{path}.mode '{rule.Mode}' must be direct or reimburse",
                $"「{label}」的资助方式“{rule.Mode}”无效（应为代缴或先缴费后补助）");
        }

        foreach (var (township, mode) in rule.ModeByTownship ?? [])
        {
            if (!PolicyCodes.TryParseMode(mode, out _))
            {
                p.Error($"{path}.modeByTownship.{township}", "subsidy.mode.unknown",
                    $"{path}.modeByTownship.{township} '{mode}' must be direct or reimburse",
                    $"{township}对「{label}」选择的资助方式“{mode}”无效（应为代缴或先缴费后补助）");
            }
        }

        CheckCutoff(rule.FirstCertified, known && basis.IsAgeBand(), label, path, p);
    }

    private static void CheckCutoff(FirstCertifiedDocument? cutoff, bool ageBasis, string label, string path, ProblemList p)
    {
        if (cutoff is null)
        {
            return;
        }

        if (ageBasis)
        {
            p.Error($"{path}.firstCertified", "subsidy.first_certified.age",
                $"{path}.firstCertified does not apply to an age band", $"「{label}」按年龄认定，不能设置首次认定日期条件");
        }

        if ((cutoff.Before is null) == (cutoff.OnOrAfter is null))
        {
            p.Error($"{path}.firstCertified", "subsidy.first_certified.one_of",
                $"{path}.firstCertified needs exactly one of before / onOrAfter",
                $"「{label}」的首次认定日期条件须且只能填写“之前”或“当日及以后”之一");
        }
    }
}
