using Enrollment.Domain.Errors;
using Enrollment.Domain.Residents;
using Enrollment.Domain.Rules;

namespace Enrollment.Web.Features.TrialQuote;

/// <summary>
/// The outcome of one trial quote, ready to show. <see cref="BirthDate"/> only for a number the user typed: beside an
/// existing resident's masked number it would complete it.
/// </summary>
public sealed record TrialQuoteResult(
    DateOnly? BirthDate,
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
    /// when given it is quoted and whatever the form carries in its ID field is ignored. Every number and date is
    /// checked against its range first; nothing is quoted while one is out of it.
    /// </summary>
    public static TrialQuoteResult? Run(CompiledPolicy policy, TrialQuoteForm form, string? storedCitizenId, Dictionary<string, string> errors)
    {
        var number = storedCitizenId ?? form.IdNumber?.Trim() ?? "";
        var citizen = default(CitizenId);
        if (number.Length == 0)
        {
            errors[nameof(TrialQuoteForm.IdNumber)] = "请输入身份证号码。";
        }
        else if (!CitizenId.TryParse(number, out citizen, out var idError))
        {
            errors[nameof(TrialQuoteForm.IdNumber)] = idError.ToChinese();
        }
        if (!InRange(form, errors))
        {
            return null;
        }

        var categories = default(CertifiedCategories);
        foreach (var row in form.Categories.Where(c => c.Selected))
        {
            if (!BasisCodes.TryParse(row.Code, out var code) || !categories.TryAdd(code, row.FirstCertified, out _))
            {
                // Only a tampered form gets here: the page offers the policy's certified categories alone.
                errors[nameof(TrialQuoteForm.Categories)] = code.IsAgeBand()
                    ? $"“{code.ChineseName()}”按出生日期自动认定，不能勾选。"
                    : "所选认定类别不在本政策之列，请刷新页面后重新选择。";
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
            storedCitizenId is null ? citizen.BirthDate : null,
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

    private static bool InRange(TrialQuoteForm form, Dictionary<string, string> errors)
    {
        if (TrialQuoteRules.GapYears(form.GapYears) is { } gap)
        {
            errors[nameof(TrialQuoteForm.GapYears)] = gap;
        }
        if (!Enum.IsDefined(form.History))
        {
            errors[nameof(TrialQuoteForm.History)] = "请选择参保历史。";
        }
        if (form.PaidOn is null)
        {
            errors[nameof(TrialQuoteForm.PaidOn)] = "请选择缴费日期。";
        }
        else if (TrialQuoteRules.Date(form.PaidOn, "缴费日期") is { } paidOn)
        {
            errors[nameof(TrialQuoteForm.PaidOn)] = paidOn;
        }
        if (form.Categories.Where(c => c.Selected).Select(c => TrialQuoteRules.Date(c.FirstCertified, "首次认定日期")).FirstOrDefault(m => m is not null) is { } certified)
        {
            errors[nameof(TrialQuoteForm.Categories)] = certified;
        }
        return errors.Count == 0;
    }

    private static string FieldOf(DomainErrorCode code) => code switch
    {
        DomainErrorCode.IdEmpty or DomainErrorCode.IdFullWidthDigit or DomainErrorCode.IdLength or DomainErrorCode.IdInvalidCharacter
            or DomainErrorCode.IdImpossibleBirthDate or DomainErrorCode.IdCheckCharacterMismatch or DomainErrorCode.IdUnknownProvince => nameof(TrialQuoteForm.IdNumber),
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
