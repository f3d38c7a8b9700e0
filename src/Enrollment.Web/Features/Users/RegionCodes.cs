using System.ComponentModel.DataAnnotations;
using Enrollment.Web.Components.Forms;

namespace Enrollment.Web.Features.Users;

/// <summary>
/// A county's 行政区划代码 (GB/T 2260), as a tenant's is checked: six ASCII digits as TextInput reads them (so
/// full-width digits typed with a Chinese IME count), whose first two digits are a province-level code that exists —
/// 11–15 (North China), 21–23 (North-east), 31–37 (East), 41–46 (Central-South), 50–54 (South-west), 61–65
/// (North-west), 71 (Taiwan), 81–82 (Hong Kong, Macao) — and whose last four are not 0000, which is a province
/// itself, not a county. 000000, 990000 or 123456-like typing slips are refused; whether the code exists in the
/// current edition of GB/T 2260 is not checked (codes change every year).
/// </summary>
public static class RegionCodes
{
    private static readonly HashSet<int> Provinces =
        [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82];

    public const string ShapeMessage = "行政区划代码为 6 位数字，例如 370481。";

    public const string PlausibleMessage = "行政区划代码应为县级代码：前两位是省级代码（如山东为 37），后四位不能全为 0，例如 370481。";

    /// <summary>The code to store (null when none was typed), or why it is not one.</summary>
    public static TextResult Read(string? text)
    {
        var read = TextInput.Read(text, "行政区划代码", 6);
        if (read.Value is not { } code)
        {
            return read.IsOk ? read : TextResult.Error(ShapeMessage);
        }
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return TextResult.Error(ShapeMessage);
        }
        return Provinces.Contains((code[0] - '0') * 10 + (code[1] - '0')) && !code.EndsWith("0000", StringComparison.Ordinal)
            ? read
            : TextResult.Error(PlausibleMessage);
    }
}

/// <summary>A form property holding a county's 行政区划代码 (<see cref="RegionCodes"/>), optional.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RegionCodeAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        return RegionCodes.Read(value as string).Problem is { } problem
            ? new ValidationResult(problem, validationContext.MemberName is { } member ? [member] : [])
            : ValidationResult.Success;
    }
}
