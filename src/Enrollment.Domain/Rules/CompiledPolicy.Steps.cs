using Enrollment.Domain.Errors;

namespace Enrollment.Domain.Rules;

/// <summary>The two steps of a quote that need explaining on their own: input checks and choosing the subsidy.</summary>
public sealed partial class CompiledPolicy
{
    private DomainError CheckInputs(in QuoteRequest request, DateOnly birth, DateOnly paid)
    {
        if (request.Citizen.IsEmpty)
        {
            return DomainError.Of(DomainErrorCode.IdEmpty);
        }

        var historyError = EnrollmentHistories.Check(request.History, request.GapYears);
        if (historyError.IsError)
        {
            return historyError;
        }

        if (birth > paid)
        {
            return new DomainError { Code = DomainErrorCode.BirthAfterPayment, Date1 = birth, Date2 = paid };
        }

        if (paid > PolicyYearLastDay)
        {
            return new DomainError { Code = DomainErrorCode.PaymentAfterPolicyYear, Date1 = paid, Date2 = PolicyYearLastDay };
        }

        return paid.DayNumber < _windowFirst
            ? new DomainError { Code = DomainErrorCode.PaymentBeforeWindow, Date1 = paid, Date2 = Window.FirstDayInclusive!.Value }
            : default;
    }

    /// <summary>The eligible active rule with the largest amount (ties: listed first), noting near misses.</summary>
    private SubsidyRule? FindSubsidy(in QuoteRequest request, DateOnly birth, ref Explanation explanation)
    {
        SubsidyRule? winner = null;
        var categories = request.Categories;
        for (var k = 0; k < _evaluationOrder.Length; k++)
        {
            if (winner is not null && k < _activeCount)
            {
                k = _activeCount - 1;
                continue;
            }

            var rule = _evaluationOrder[k];
            switch (rule.Evaluate(categories, birth))
            {
                case SubsidyEligibility.NotApplicable:
                    break;
                case SubsidyEligibility.Eligible:
                    winner = rule;
                    break;
                case SubsidyEligibility.CertifiedOutsideCutoff:
                    categories.TryGetFirstCertified(rule.Basis, out var first);
                    explanation.Add(new Reason(ReasonCode.SubsidyCertifiedOutsideCutoff, (short)rule.Index, Date: first));
                    break;
                case SubsidyEligibility.CertificationDateMissing:
                    explanation.Add(new Reason(ReasonCode.SubsidyCertificationDateMissing, (short)rule.Index));
                    break;
                case SubsidyEligibility.ShareUnset:
                    explanation.Add(new Reason(ReasonCode.SubsidyShareUnset, (short)rule.Index));
                    break;
            }
        }

        return winner;
    }
}
