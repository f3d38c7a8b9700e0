using Enrollment.Domain.Errors;

namespace Enrollment.Domain.Rules;

/// <summary>参保历史 (docs/rules.md §4).</summary>
public enum EnrollmentHistory : byte
{
    /// <summary>连续参保: enrolled in the previous policy year; gap 0.</summary>
    Continuing = 0,

    /// <summary>首次参保: never enrolled before; gap 0.</summary>
    FirstTime = 1,

    /// <summary>中断参保: enrolled once, but not in the previous policy year; gap ≥ 1.</summary>
    Interrupted = 2,
}

/// <summary>Codes and consistency checks for <see cref="EnrollmentHistory"/>.</summary>
public static class EnrollmentHistories
{
    public static string ToCode(this EnrollmentHistory history) => history switch
    {
        EnrollmentHistory.Continuing => "continuing",
        EnrollmentHistory.FirstTime => "first_time",
        EnrollmentHistory.Interrupted => "interrupted",
    };

    public static string ChineseName(this EnrollmentHistory history) => history switch
    {
        EnrollmentHistory.Continuing => "连续参保",
        EnrollmentHistory.FirstTime => "首次参保",
        EnrollmentHistory.Interrupted => "中断后续保",
    };

    public static bool TryParse(ReadOnlySpan<char> text, out EnrollmentHistory history)
    {
        history = EnrollmentHistory.Continuing;
        switch (text)
        {
            case "continuing":
                return true;
            case "first_time":
                history = EnrollmentHistory.FirstTime;
                return true;
            case "interrupted":
                history = EnrollmentHistory.Interrupted;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The only valid combinations: continuing/first_time with gap 0, interrupted with gap ≥ 1.</summary>
    public static DomainError Check(EnrollmentHistory history, int gapYears)
    {
        var ok = history switch
        {
            EnrollmentHistory.Continuing or EnrollmentHistory.FirstTime => gapYears == 0,
            EnrollmentHistory.Interrupted => gapYears >= 1,
        };
        return ok || !Enum.IsDefined(history)
            ? default
            : new DomainError { Code = DomainErrorCode.HistoryGapInconsistent, Number = gapYears, Text = history.ToCode() };
    }
}
