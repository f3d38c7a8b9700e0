namespace Enrollment.Web.Features.Residents;

/// <summary>
/// The one masking rule for every page and export: a citizen ID is shown masked — the region code and the last
/// four characters, as on bank slips (370481********1234) — and the full number only on an audited request.
/// The eight hidden digits are the birth date, so wherever a masked number is shown, neither the birth date nor an
/// exact age is shown beside it (sex is fine: it is in the visible digits already).
/// </summary>
internal static class CitizenIdMask
{
    public static string Mask(string citizenId) => Enrollment.Data.Payments.ApiText.MaskId(citizenId);
}
