using Enrollment.Domain.Errors;

namespace Enrollment.Domain.Residents;

/// <summary>Checks that need "today"; the caller injects it (the domain has no clock).</summary>
public static class ResidentChecks
{
    /// <summary>When registering a resident, a birth date after today is an error (docs/rules.md §2.5).</summary>
    public static DomainError CheckBornBy(CitizenId id, DateOnly today) =>
        id.BirthDate > today
            ? new DomainError { Code = DomainErrorCode.BirthInFuture, Date1 = id.BirthDate, Date2 = today }
            : default;
}
