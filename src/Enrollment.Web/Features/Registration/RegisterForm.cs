using System.ComponentModel.DataAnnotations;
using Enrollment.Data.Entities;

namespace Enrollment.Web.Features.Registration;

/// <summary>登记参保人员. Birth date and sex are derived from the ID number, never typed.</summary>
public sealed class RegisterForm
{
    [Required(ErrorMessage = "请输入身份证号码。")]
    [StringLength(32, ErrorMessage = "身份证号码应为18位（或15位旧号码）。")]
    public string CitizenId { get; set; } = "";

    [Required(ErrorMessage = "请输入姓名。")]
    [StringLength(50, ErrorMessage = "姓名不能超过 50 个字符。")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "请选择所在村（社区）。")]
    public long? VillageId { get; set; }

    /// <summary>0 = a new household (地址 required), else an existing household of the village.</summary>
    public long HouseholdId { get; set; }

    [StringLength(200, ErrorMessage = "家庭住址不能超过 200 个字符。")]
    public string? Address { get; set; }

    /// <summary>与户主关系 when joining a household (a new household's first member is its head).</summary>
    public RelationToHead? Relation { get; set; }

    [RegularExpression(@"^1[3-9][0-9]{9}$", ErrorMessage = "请输入 11 位手机号码（1 开头）。")]
    public string? Phone { get; set; }

    [Required(ErrorMessage = "请选择户籍类型。")]
    public string HukouType { get; set; } = "local";
}
