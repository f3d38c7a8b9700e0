namespace Enrollment.Web.Features.Registration;

/// <summary>What the clerk is told about a checked number, the same beside the field and after a refused save.</summary>
public static class IdCheckText
{
    public const string OtherCounty = "该身份证号码已在其他县（市）参保登记，不得重复参保";

    /// <summary>Why the number cannot be registered; null when it can.</summary>
    public static string? Refusal(IdCheck check) => check.Kind switch
    {
        IdCheckKind.Empty => "请输入身份证号码。",
        IdCheckKind.Invalid => check.Message,
        IdCheckKind.Available => null,
        IdCheckKind.InScope => "该身份证号码已在本辖区登记。",
        IdCheckKind.OtherTownship => $"该身份证号码已在本县{check.TownshipName}登记",
        IdCheckKind.OtherVillageOfOwnTownship => "该身份证号码已在本镇其他村（社区）登记",
        IdCheckKind.OtherTenant => OtherCounty,
    };
}
