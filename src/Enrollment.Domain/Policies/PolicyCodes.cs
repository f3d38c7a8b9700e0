using Enrollment.Domain.Rules;

namespace Enrollment.Domain.Policies;

/// <summary>The string codes of policy documents and the CSV contract, both ways.</summary>
public static class PolicyCodes
{
    public static string ToCode(this FundingSource funding) => funding switch
    {
        FundingSource.Fiscal => "fiscal",
        FundingSource.MedicalAssistance => "medical_assistance",
        FundingSource.SpecialGroup => "special_group",
    };

    public static string ToCode(this SubsidyMode mode) => mode switch
    {
        SubsidyMode.Direct => "direct",
        SubsidyMode.Reimburse => "reimburse",
    };

    public static string ToCode(this AmountKind amount) => amount switch
    {
        AmountKind.Individual => "individual",
        AmountKind.FullCost => "full_cost",
    };

    public static string ToCode(this CoverageStartKind kind) => kind switch
    {
        CoverageStartKind.PolicyYearStart => "policy_year_start",
        CoverageStartKind.DaysAfterPayment => "days_after_payment",
        CoverageStartKind.FirstOfMonthAfterPayment => "first_of_month_after_payment",
        CoverageStartKind.BirthDate => "birth_date",
        CoverageStartKind.MonthsAfterPaymentPlusGap => "months_after_payment_plus_gap",
    };

    public static bool TryParseFunding(string? code, out FundingSource funding) => TryParse(code, out funding, ToCode);

    public static bool TryParseMode(string? code, out SubsidyMode mode) => TryParse(code, out mode, ToCode);

    public static bool TryParseAmount(string? code, out AmountKind amount) => TryParse(code, out amount, ToCode);

    public static bool TryParseCoverage(string? code, out CoverageStartKind kind) => TryParse(code, out kind, ToCode);

    private static bool TryParse<T>(string? code, out T value, Func<T, string> toCode)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (toCode(candidate) == code)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
