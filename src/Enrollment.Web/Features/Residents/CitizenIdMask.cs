namespace Enrollment.Web.Features.Residents;

/// <summary>
/// Lists and pages show a citizen ID masked (region code and the last four characters, as on bank slips);
/// the full number only on request, and that request is logged.
/// </summary>
internal static class CitizenIdMask
{
    public static string Mask(string citizenId) =>
        citizenId.Length == 18 ? string.Concat(citizenId.AsSpan(0, 6), "********", citizenId.AsSpan(14, 4)) : "******";
}
