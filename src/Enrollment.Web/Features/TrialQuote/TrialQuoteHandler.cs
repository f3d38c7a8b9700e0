using Enrollment.Domain.Errors;
using Enrollment.Domain.Residents;
using Enrollment.Domain.Rules;

namespace Enrollment.Web.Features.TrialQuote;

/// <summary>The outcome of one trial quote, ready to show.</summary>
internal sealed record TrialQuoteResult(
    DateOnly BirthDate,
    string Sex,
    decimal Amount,
    decimal Payable,
    decimal Subsidy,
    decimal CountyShare,
    decimal TownshipShare,
    string? Basis,
    string? Funding,
    string? Mode,
    DateOnly CoverageStart,
    bool Late,
    string Explanation);

/// <summary>Turns the form into a <see cref="QuoteRequest"/> and quotes it; input errors come back per field.</summary>
internal static class TrialQuoteHandler
{
    /// <summary>
    /// Quotes the form. <paramref name="storedCitizenId"/> is an existing resident's number, read on the server:
    /// when given it is quoted and whatever the form carries in its ID field is ignored.
    /// </summary>
    public static TrialQuoteResult? Run(CompiledPolicy policy, TrialQuoteForm form, string? storedCitizenId, Dictionary<string, string> errors)
    {
        var number = storedCitizenId ?? form.IdNumber.Trim();
        if (number.Length == 0)
        {
            errors[nameof(TrialQuoteForm.IdNumber)] = "请输入身份证号码。";
            return null;
        }
        if (!CitizenId.TryParse(number, out var citizen, out var idError))
        {
            errors[nameof(TrialQuoteForm.IdNumber)] = idError.ToChinese();
            return null;
        }

        var categories = default(CertifiedCategories);
        foreach (var row in form.Categories.Where(c => c.Selected))
        {
            if (!BasisCodes.TryParse(row.Code, out var code) || !categories.TryAdd(code, row.FirstCertified, out var error))
            {
                errors[nameof(TrialQuoteForm.Categories)] = $"类别“{row.Code}”无法使用。";
                return null;
            }
        }

        var historyError = EnrollmentHistories.Check(form.History, form.GapYears);
        if (historyError.IsError)
        {
            errors[nameof(TrialQuoteForm.GapYears)] = historyError.ToChinese();
            return null;
        }

        var request = new QuoteRequest(citizen, categories, form.History, form.GapYears, form.PaidOn!.Value,
            policy.ResolveTownship(string.IsNullOrWhiteSpace(form.Township) ? null : form.Township));
        var quote = policy.Quote(request);
        if (!quote.IsSuccess)
        {
            errors[FieldOf(quote.Error.Code)] = quote.Error.ToChinese();
            return null;
        }

        return new TrialQuoteResult(
            citizen.BirthDate,
            Residents.ResidentText.Of(citizen.Sex),
            quote.Amount,
            quote.Payable,
            quote.Subsidy,
            quote.CountyShare,
            quote.TownshipShare,
            quote.HasSubsidy ? policy.Subsidies[quote.SubsidyRule].Label : null,
            quote.HasSubsidy ? QuoteText.Funding(quote.Funding) : null,
            quote.HasSubsidy ? QuoteText.Mode(quote.Mode) : null,
            quote.CoverageStart,
            quote.Late,
            ExplanationText.ToChinese(quote, policy));
    }

    private static string FieldOf(DomainErrorCode code) => code switch
    {
        DomainErrorCode.IdEmpty or DomainErrorCode.IdFullWidthDigit or DomainErrorCode.IdLength or DomainErrorCode.IdInvalidCharacter
            or DomainErrorCode.IdImpossibleBirthDate or DomainErrorCode.IdCheckCharacterMismatch => nameof(TrialQuoteForm.IdNumber),
        DomainErrorCode.CategoryUnknown or DomainErrorCode.CategoryDerivedFromAge or DomainErrorCode.CategoryDateInvalid => nameof(TrialQuoteForm.Categories),
        DomainErrorCode.HistoryUnknown => nameof(TrialQuoteForm.History),
        DomainErrorCode.HistoryGapInconsistent or DomainErrorCode.GapYearsInvalid => nameof(TrialQuoteForm.GapYears),
        DomainErrorCode.None or DomainErrorCode.PaymentDateInvalid or DomainErrorCode.BirthAfterPayment or DomainErrorCode.BirthInFuture
            or DomainErrorCode.PaymentAfterPolicyYear or DomainErrorCode.PaymentBeforeWindow or DomainErrorCode.NoTimingRuleMatches => nameof(TrialQuoteForm.PaidOn),
    };
}

/// <summary>Chinese names of the quote's codes.</summary>
internal static class QuoteText
{
    public static string Funding(FundingSource funding) => funding switch
    {
        FundingSource.Fiscal => "财政资助",
        FundingSource.MedicalAssistance => "医疗救助资金资助",
        FundingSource.SpecialGroup => "特殊人群政府代缴",
    };

    public static string Mode(SubsidyMode mode) => mode switch
    {
        SubsidyMode.Direct => "代缴（只缴余额）",
        SubsidyMode.Reimburse => "先缴费后补助",
    };

    public static string History(EnrollmentHistory history) => history.ChineseName();
}
