using System.Globalization;

using Enrollment.Domain.Rules;

namespace Enrollment.Domain.Errors;

/// <summary>Renders <see cref="DomainError"/> in both languages; the two switches must stay exhaustive.</summary>
internal static class DomainErrorText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", Inv);

    private static string Ymd(DomainError e) =>
        string.Create(Inv, $"{e.Number:D4}-{e.Number2 / 100:D2}-{e.Number2 % 100:D2}");

    private static string HistoryName(string? code) =>
        EnrollmentHistories.TryParse(code, out var history) ? history.ChineseName() : code ?? "";

    private static string Cp(char c) => string.Create(Inv, $"U+{(int)c:X4}");

    public static string Chinese(DomainError e) => e.Code switch
    {
        DomainErrorCode.None => "无错误",
        DomainErrorCode.IdEmpty => "身份证号码为空",
        DomainErrorCode.IdFullWidthDigit =>
            string.Create(Inv, $"身份证号码第{e.Number}位是全角数字“{e.Char1}”，请改用半角（ASCII）数字"),
        DomainErrorCode.IdLength =>
            string.Create(Inv, $"身份证号码应为18位（或15位旧号码），实际为{e.Number}位"),
        DomainErrorCode.IdInvalidCharacter => e.Char1 is 'X' or 'x'
            ? string.Create(Inv, $"身份证号码第{e.Number}位不能是“X”，X只能作为18位号码的最后一位校验码")
            : string.Create(Inv, $"身份证号码第{e.Number}位“{e.Char1}”不是数字"),
        DomainErrorCode.IdImpossibleBirthDate => $"身份证号码中的出生日期 {Ymd(e)} 不存在",
        DomainErrorCode.IdCheckCharacterMismatch =>
            $"身份证号码校验码错误：按前17位应为“{e.Char1}”，实际为“{e.Char2}”",
        DomainErrorCode.IdUnknownProvince =>
            string.Create(Inv, $"身份证号码前两位“{e.Number:D2}”不是有效的省级行政区划代码"),
        DomainErrorCode.CategoryUnknown => $"未知的人员类别代码“{e.Text}”",
        DomainErrorCode.CategoryDerivedFromAge => $"“{e.Text}”按出生日期自动认定，不能作为认定类别填写",
        DomainErrorCode.CategoryDateInvalid => $"人员类别首次认定日期“{e.Text}”不是有效日期（应为 YYYY-MM-DD）",
        DomainErrorCode.HistoryUnknown => $"未知的参保历史“{e.Text}”（应为 continuing、first_time 或 interrupted）",
        DomainErrorCode.HistoryGapInconsistent => e.Text == "interrupted"
            ? string.Create(Inv, $"中断后续保时中断年数应不少于1年，实际为{e.Number}")
            : string.Create(Inv, $"参保历史为“{HistoryName(e.Text)}”时中断年数应为0，实际为{e.Number}"),
        DomainErrorCode.GapYearsInvalid => $"中断年数“{e.Text}”不是非负整数",
        DomainErrorCode.PaymentDateInvalid => $"缴费日期“{e.Text}”不是有效日期（应为 YYYY-MM-DD）",
        DomainErrorCode.BirthAfterPayment => $"出生日期 {D(e.Date1)} 晚于缴费日期 {D(e.Date2)}",
        DomainErrorCode.BirthInFuture => $"出生日期 {D(e.Date1)} 晚于今天 {D(e.Date2)}",
        DomainErrorCode.PaymentAfterPolicyYear =>
            $"缴费日期 {D(e.Date1)} 晚于本年度最后一天 {D(e.Date2)}，不属于本年度征缴期",
        DomainErrorCode.PaymentBeforeWindow =>
            $"缴费日期 {D(e.Date1)} 早于集中征缴期开始日 {D(e.Date2)}，不属于本年度征缴期",
        DomainErrorCode.NoTimingRuleMatches => $"缴费日期 {D(e.Date1)} 没有适用的缴费时间规则",
    };

    public static string English(DomainError e) => e.Code switch
    {
        DomainErrorCode.None => "no error",
        DomainErrorCode.IdEmpty => "citizen ID number is empty",
        DomainErrorCode.IdFullWidthDigit => string.Create(Inv,
            $"citizen ID number has a full-width digit '{e.Char1}' ({Cp(e.Char1)}) at position {e.Number}; only ASCII digits are accepted"),
        DomainErrorCode.IdLength => string.Create(Inv,
            $"citizen ID number must have 18 characters (or 15 for a legacy number), found {e.Number}"),
        DomainErrorCode.IdInvalidCharacter => string.Create(Inv,
            $"citizen ID number has '{e.Char1}' ({Cp(e.Char1)}) at position {e.Number}; only digits, and X as the 18th check character, are allowed"),
        DomainErrorCode.IdImpossibleBirthDate => $"citizen ID number has an impossible birth date {Ymd(e)}",
        DomainErrorCode.IdCheckCharacterMismatch =>
            $"citizen ID number check character is wrong: expected '{e.Char1}', found '{e.Char2}'",
        DomainErrorCode.IdUnknownProvince =>
            string.Create(Inv, $"citizen ID number starts with {e.Number:D2}, which is not a province-level division code"),
        DomainErrorCode.CategoryUnknown => $"unknown category code '{e.Text}'",
        DomainErrorCode.CategoryDerivedFromAge =>
            $"'{e.Text}' is derived from the birth date and cannot be given as a certified category",
        DomainErrorCode.CategoryDateInvalid => $"first-certified date '{e.Text}' is not a valid YYYY-MM-DD date",
        DomainErrorCode.HistoryUnknown =>
            $"unknown history '{e.Text}' (expected continuing, first_time or interrupted)",
        DomainErrorCode.HistoryGapInconsistent => e.Text == "interrupted"
            ? string.Create(Inv, $"history interrupted needs gap_years >= 1, found {e.Number}")
            : string.Create(Inv, $"history {e.Text} needs gap_years 0, found {e.Number}"),
        DomainErrorCode.GapYearsInvalid => $"gap_years '{e.Text}' is not a non-negative integer",
        DomainErrorCode.PaymentDateInvalid => $"payment date '{e.Text}' is not a valid YYYY-MM-DD date",
        DomainErrorCode.BirthAfterPayment => $"birth date {D(e.Date1)} is after the payment date {D(e.Date2)}",
        DomainErrorCode.BirthInFuture => $"birth date {D(e.Date1)} is after today {D(e.Date2)}",
        DomainErrorCode.PaymentAfterPolicyYear =>
            $"payment date {D(e.Date1)} is after the last day of the policy year {D(e.Date2)}: not in this year's collection period",
        DomainErrorCode.PaymentBeforeWindow =>
            $"payment date {D(e.Date1)} is before the collection window opens on {D(e.Date2)}: not in this year's collection period",
        DomainErrorCode.NoTimingRuleMatches => $"no timing rule matches the payment date {D(e.Date1)}",
    };
}
