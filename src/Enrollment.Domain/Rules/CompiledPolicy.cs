using Enrollment.Domain.Errors;

namespace Enrollment.Domain.Rules;

/// <summary>
/// A policy compiled for quoting (编译后的征缴政策): amounts precomputed per rule, subsidies pre-sorted by
/// amount, age bands turned into birth-date cut-offs. Immutable and thread-safe; <see cref="Quote(in QuoteRequest, out Rules.Quote)"/>
/// is pure and allocates nothing. Build one with <see cref="Policies.PolicyCompiler"/>.
/// </summary>
public sealed partial class CompiledPolicy
{
    private readonly SubsidyRule[] _subsidies;
    private readonly TimingRule[] _timing;
    private readonly SubsidyRule[] _evaluationOrder;
    private readonly int _activeCount;
    private readonly string[] _townships;
    private readonly int _windowFirst;
    private readonly int _windowLast;

    public CompiledPolicy(
        string campaignId,
        int policyYear,
        decimal individualContribution,
        decimal fiscalSubsidy,
        CollectionWindow window,
        DateOnly ageReferenceDate,
        FiscalLevelNames levels,
        IReadOnlyList<SubsidyRule> subsidies,
        IReadOnlyList<TimingRule> timing,
        IReadOnlyList<string>? townships = null)
    {
        CampaignId = campaignId;
        PolicyYear = policyYear;
        IndividualContribution = individualContribution;
        FiscalSubsidy = fiscalSubsidy;
        FullCost = individualContribution + fiscalSubsidy;
        Window = window;
        AgeReferenceDate = ageReferenceDate;
        Levels = levels;
        PolicyYearStart = new DateOnly(policyYear, 1, 1);
        PolicyYearLastDay = new DateOnly(policyYear, 12, 31);
        _subsidies = [.. subsidies];
        _timing = [.. timing];
        _townships = [.. townships ?? []];
        _windowFirst = window.FirstDayInclusive?.DayNumber ?? int.MinValue;
        _windowLast = window.LastDayInclusive.DayNumber;

        // Largest amount first, ties to the earlier rule, so the first eligible rule is the one to apply
        // (只能享受一种最高资助待遇). Inactive (unset) rules go last: they only ever add a reason.
        var active = _subsidies.Where(r => r.IsActive).OrderByDescending(r => r.Amount).ThenBy(r => r.Index);
        _evaluationOrder = [.. active, .. _subsidies.Where(r => !r.IsActive)];
        _activeCount = _subsidies.Count(r => r.IsActive);
    }

    public string CampaignId { get; }

    public int PolicyYear { get; }

    /// <summary>个人缴费标准.</summary>
    public decimal IndividualContribution { get; }

    /// <summary>人均财政补助标准.</summary>
    public decimal FiscalSubsidy { get; }

    /// <summary>全额: individual contribution + fiscal subsidy, charged by full-cost timing rules.</summary>
    public decimal FullCost { get; }

    public CollectionWindow Window { get; }

    /// <summary>年龄计算基准日.</summary>
    public DateOnly AgeReferenceDate { get; }

    public FiscalLevelNames Levels { get; }

    public DateOnly PolicyYearStart { get; }

    public DateOnly PolicyYearLastDay { get; }

    /// <summary>In policy order.</summary>
    public IReadOnlyList<SubsidyRule> Subsidies => _subsidies;

    /// <summary>In policy order (the order they are tried in).</summary>
    public IReadOnlyList<TimingRule> Timing => _timing;

    /// <summary>Townships that override a subsidy mode; index = <see cref="QuoteRequest.Township"/>.</summary>
    public IReadOnlyList<string> Townships => _townships;

    /// <summary>The township index for <see cref="QuoteRequest.Township"/>, or <see cref="TownshipRef.None"/>.</summary>
    public int ResolveTownship(string? township) =>
        township is null ? TownshipRef.None : Array.IndexOf(_townships, township);

    /// <summary>Convenience overload; copies the result.</summary>
    public Quote Quote(in QuoteRequest request)
    {
        Quote(request, out var quote);
        return quote;
    }

    /// <summary>Quotes one resident (docs/rules.md §6–§10). Pure; allocates nothing.</summary>
    public void Quote(in QuoteRequest request, out Quote quote)
    {
        quote = default;
        quote.SubsidyRule = -1;
        quote.TimingRule = -1;
        var birth = request.Citizen.BirthDate;
        var paid = request.PaidOn;
        var error = CheckInputs(request, birth, paid);
        if (error.IsError)
        {
            quote.Error = error;
            return;
        }

        // A child born in the policy year cannot have been enrolled before (see policy-schema.md).
        var history = birth >= PolicyYearStart ? EnrollmentHistory.FirstTime : request.History;
        TimingRule? timing = null;
        foreach (var rule in _timing)
        {
            if (rule.Matches(paid, history, birth, PolicyYearStart))
            {
                timing = rule;
                break;
            }
        }

        if (timing is null)
        {
            quote.Error = new DomainError { Code = DomainErrorCode.NoTimingRuleMatches, Date1 = paid };
            return;
        }

        var fullCost = timing.Amount == AmountKind.FullCost;
        var amount = fullCost ? FullCost : IndividualContribution;
        quote.Amount = amount;
        quote.Payable = amount;
        quote.AmountKind = timing.Amount;
        quote.TimingRule = timing.Index;
        quote.Late = paid.DayNumber > _windowLast || paid.DayNumber < _windowFirst;
        quote.ExplanationBuffer.Add(fullCost
            ? new Reason(ReasonCode.FullCost, Amount: IndividualContribution, Amount2: FiscalSubsidy)
            : new Reason(ReasonCode.IndividualContribution, Amount: amount));

        var winner = FindSubsidy(request, birth, ref quote.ExplanationBuffer);
        if (winner is not null && fullCost)
        {
            quote.ExplanationBuffer.Add(new Reason(ReasonCode.SubsidyNotAppliedFullCost, (short)winner.Index));
        }
        else if (winner is not null)
        {
            var mode = winner.ModeFor(request.Township);
            quote.Basis = winner.Basis;
            quote.SubsidyRule = winner.Index;
            quote.Subsidy = winner.Amount;
            quote.CountyShare = winner.CountyAmount;
            quote.TownshipShare = winner.TownshipAmount;
            quote.Funding = winner.Funding;
            quote.Mode = mode;
            quote.Payable = mode == SubsidyMode.Direct ? amount - winner.Amount : amount;
            quote.ExplanationBuffer.Add(new Reason(
                ReasonCode.SubsidyGranted, (short)winner.Index, winner.Amount, winner.CountyAmount, Mode: mode));
        }

        var start = timing.Coverage.For(paid, birth, request.GapYears, PolicyYearStart);
        quote.CoverageStart = start < PolicyYearStart ? PolicyYearStart : start;
        quote.ExplanationBuffer.Add(new Reason(
            ReasonCode.CoverageFrom, (short)timing.Index, Date: quote.CoverageStart, Late: quote.Late));
    }
}
