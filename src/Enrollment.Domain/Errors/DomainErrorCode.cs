namespace Enrollment.Domain.Errors;

/// <summary>
/// Why an input or a quote was rejected (docs/rules.md §2.4, §3, §4, §7.2, §8.1). Each code renders in Chinese and
/// English.
/// </summary>
public enum DomainErrorCode : byte
{
    None = 0,

    // Citizen ID number (身份证号码).
    IdEmpty,
    IdFullWidthDigit,
    IdLength,
    IdInvalidCharacter,
    IdImpossibleBirthDate,
    IdCheckCharacterMismatch,
    /// <summary>The first two digits are not a province-level division (nor 81–83, nor a 9-prefixed permanent residence number).</summary>
    IdUnknownProvince,

    // Other quote inputs.
    CategoryUnknown,
    CategoryDerivedFromAge,
    CategoryDateInvalid,
    HistoryUnknown,
    HistoryGapInconsistent,
    GapYearsInvalid,
    PaymentDateInvalid,

    // The quote itself.
    BirthAfterPayment,
    BirthInFuture,
    PaymentAfterPolicyYear,
    PaymentBeforeWindow,
    NoTimingRuleMatches,
}
