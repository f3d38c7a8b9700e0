using System.Globalization;
using Enrollment.Domain.Residents;
using Enrollment.Domain.Rules;

namespace Enrollment.Domain.Tests;

/// <summary>Builds valid ID numbers and quote requests for hand-written cases.</summary>
internal static class TestResidents
{
    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An 18-digit number born on <paramref name="birth"/> with a correct check character.</summary>
    public static string IdText(DateOnly birth, int sequence = 201, int region = 370481)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{region:D6}{birth:yyyyMMdd}{sequence:D3}");
        return first17 + CitizenId.ComputeCheckCharacter(first17);
    }

    public static CitizenId Id(DateOnly birth, int sequence = 201) => CitizenId.Parse(IdText(birth, sequence));

    public static CitizenId Id(string birthIso) => Id(D(birthIso));

    public static QuoteRequest Request(
        string birthIso,
        string paidIso,
        CertifiedCategories categories = default,
        EnrollmentHistory history = EnrollmentHistory.Continuing,
        int gap = 0,
        int township = TownshipRef.None) =>
        new(Id(birthIso), categories, history, gap, D(paidIso), township);

    public static CertifiedCategories Cats(params BasisCode[] codes) => CertifiedCategories.Of(codes);

    public static CertifiedCategories Cat(BasisCode code, string? firstCertifiedIso) =>
        default(CertifiedCategories).With(code, firstCertifiedIso is null ? null : D(firstCertifiedIso));
}
