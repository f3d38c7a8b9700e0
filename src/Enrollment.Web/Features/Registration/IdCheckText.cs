using Enrollment.Data.Registry;

namespace Enrollment.Web.Features.Registration;

/// <summary>What the clerk is told about a checked number, the same beside the field and after a refused save.</summary>
public static class IdCheckText
{
    public const string OtherCounty = DuplicateRegistrationException.Refusal;

    public const string TooManyLookups = "核对身份证号码过于频繁，请稍等一两分钟再试。";

    /// <summary>Why the number cannot be registered; null when it can.</summary>
    public static string? Refusal(IdCheck check) => check.Kind switch
    {
        IdCheckKind.Empty => "请输入身份证号码。",
        IdCheckKind.Invalid => check.Message,
        IdCheckKind.Available => null,
        IdCheckKind.InScope => "该身份证号码已在本辖区登记。",
        IdCheckKind.OtherTownship => RegisteredElsewhereText.Message(check.TownshipName, ownTownship: false),
        IdCheckKind.OtherVillageOfOwnTownship => RegisteredElsewhereText.Message(null, ownTownship: true),
        IdCheckKind.OtherTenant => OtherCounty,
        IdCheckKind.TooManyLookups => TooManyLookups,
    };
}
