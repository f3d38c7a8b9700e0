using Enrollment.Domain.Rules;

namespace Enrollment.Domain.Policies;

/// <summary>Turns a validated <see cref="PolicyDocument"/> into a <see cref="CompiledPolicy"/>.</summary>
public static class PolicyCompiler
{
    /// <summary>Validates, then compiles; throws <see cref="PolicyValidationException"/> listing every error.</summary>
    public static CompiledPolicy Compile(PolicyDocument document)
    {
        var result = PolicyValidator.Validate(document);
        return result.HasErrors ? throw new PolicyValidationException(result.Problems) : CompileUnchecked(document);
    }

    /// <summary>Validates, then compiles when there is no error; warnings do not stop it.</summary>
    public static bool TryCompile(PolicyDocument document, out CompiledPolicy? policy, out PolicyValidationResult result)
    {
        result = PolicyValidator.Validate(document);
        policy = result.HasErrors ? null : CompileUnchecked(document);
        return policy is not null;
    }

    /// <summary>Default age reference date: 31 December of the year before the policy year (docs/rules.md §5).</summary>
    public static DateOnly DefaultAgeReferenceDate(int policyYear) => new(policyYear - 1, 12, 31);

    internal static CompiledPolicy CompileUnchecked(PolicyDocument d)
    {
        var reference = d.AgeReferenceDate ?? DefaultAgeReferenceDate(d.PolicyYear);
        var w = d.CollectionWindow!;
        var window = new CollectionWindow(
            w.FirstDayInclusive,
            w.LastDayInclusive!.Value,
            [.. (w.Phases ?? []).Select(ph => new CollectionPhase(ph.Name, ph.FirstDayInclusive!.Value, ph.LastDayInclusive!.Value))]);
        var subsidyDocs = d.Subsidies ?? [];
        string[] townships = [.. subsidyDocs.SelectMany(s => s.ModeByTownship?.Keys ?? Enumerable.Empty<string>()).Distinct(StringComparer.Ordinal)];
        var subsidies = subsidyDocs.Select((s, i) => Subsidy(s, i, d.IndividualContribution, reference, townships)).ToArray();
        var timing = (d.Timing ?? []).Select(Timing).ToArray();
        var levels = d.FiscalLevels is { } l ? new FiscalLevelNames(l.County, l.Township) : FiscalLevelNames.Default;
        return new CompiledPolicy(
            d.CampaignId, d.PolicyYear, d.IndividualContribution, d.FiscalSubsidy, window, reference, levels, subsidies, timing, townships);
    }

    private static SubsidyRule Subsidy(SubsidyRuleDocument s, int index, decimal contribution, DateOnly reference, string[] townships)
    {
        var basis = BasisCodes.TryParse(s.Basis, out var b) ? b : throw Invalid(s.Basis);
        var funding = PolicyCodes.TryParseFunding(s.Funding, out var f) ? f : throw Invalid(s.Funding);
        var mode = PolicyCodes.TryParseMode(s.Mode, out var m0) ? m0 : throw Invalid(s.Mode);
        var modes = townships.Select(t =>
            s.ModeByTownship is { } map && map.TryGetValue(t, out var code) && PolicyCodes.TryParseMode(code, out var m) ? m : mode).ToArray();
        CertificationCutoff? cutoff = s.FirstCertified is { } fc
            ? fc.Before is { } before
                ? new CertificationCutoff(CutoffKind.Before, before, fc.MissingDateEligible)
                : new CertificationCutoff(CutoffKind.OnOrAfter, fc.OnOrAfter!.Value, fc.MissingDateEligible)
            : null;
        var label = string.IsNullOrWhiteSpace(s.Label) ? basis.ChineseName() : s.Label;
        var department = string.IsNullOrWhiteSpace(s.Department) ? basis.DefaultDepartment() : s.Department;
        return new SubsidyRule(index, basis, label, s.Share, s.CountyPart, funding, mode, department, cutoff, contribution, reference, modes);
    }

    private static TimingRule Timing(TimingRuleDocument t, int index)
    {
        var amount = PolicyCodes.TryParseAmount(t.Amount, out var a) ? a : throw Invalid(t.Amount);
        var kind = PolicyCodes.TryParseCoverage(t.Coverage!.Start, out var k) ? k : throw Invalid(t.Coverage.Start);
        var n = kind switch
        {
            CoverageStartKind.DaysAfterPayment => t.Coverage.Days ?? 0,
            CoverageStartKind.FirstOfMonthAfterPayment or CoverageStartKind.MonthsAfterPaymentPlusGap => t.Coverage.Months ?? 0,
            CoverageStartKind.PolicyYearStart or CoverageStartKind.BirthDate => 0,
        };
        var histories = (t.History ?? []).Select(h => EnrollmentHistories.TryParse(h, out var v) ? v : EnrollmentHistory.Continuing).ToArray();
        NewbornCondition? newborn = t.NewbornWithin is { } nb
            ? nb.Months is { } months ? NewbornCondition.WithinMonths(months) : NewbornCondition.WithinDays(nb.Days ?? 0)
            : null;
        return new TimingRule(index, t.Label, t.PaidFromInclusive, t.PaidThroughInclusive, histories, newborn, amount, new CoverageStart(kind, n));
    }

    // Only reached for documents that skipped validation.
    private static InvalidOperationException Invalid(string? code) => new($"policy not validated: bad code '{code}'");
}
