namespace Enrollment.Domain.Rules;

/// <summary>
/// An age band in full years at the age reference date, compiled to an inclusive range of birth dates so the
/// quote compares two integers. "以上" and "含" include the boundary.
/// </summary>
public readonly record struct AgeBand(int MinAge, int? MaxAge)
{
    public static AgeBand For(BasisCode code) => code switch
    {
        BasisCode.Age70Plus => new AgeBand(70, null),
        BasisCode.Age60To69 => new AgeBand(60, 69),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not an age band"),
    };

    /// <summary>Full years of age on <paramref name="referenceDate"/>.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly referenceDate)
    {
        var age = referenceDate.Year - birthDate.Year;
        if (referenceDate.Month < birthDate.Month ||
            (referenceDate.Month == birthDate.Month && referenceDate.Day < birthDate.Day))
        {
            age--;
        }

        return age;
    }

    /// <summary>Earliest birth day number inside the band (born on or after).</summary>
    public int BornOnOrAfterDayNumber(DateOnly referenceDate) =>
        MaxAge is { } max ? referenceDate.AddYears(-(max + 1)).AddDays(1).DayNumber : DateOnly.MinValue.DayNumber;

    /// <summary>Latest birth day number inside the band (born on or before).</summary>
    public int BornOnOrBeforeDayNumber(DateOnly referenceDate) => referenceDate.AddYears(-MinAge).DayNumber;
}
