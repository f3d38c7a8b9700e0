using System.Globalization;
using Enrollment.Domain.Residents;

namespace Enrollment.Testing.Web;

/// <summary>Valid citizen ID numbers for tests that type one (滕州's region code 370481).</summary>
public static class CitizenIds
{
    /// <summary>The number of someone born on <paramref name="birth"/>; an odd sequence is a man, an even one a woman.</summary>
    public static string For(DateOnly birth, int sequence = 123)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"370481{birth:yyyyMMdd}{sequence:D3}");
        return first17 + CitizenId.ComputeCheckCharacter(first17);
    }

    /// <summary>The same number with a wrong check character.</summary>
    public static string WithWrongCheck(string valid) => valid[..17] + (valid[17] == '0' ? '1' : '0');
}
