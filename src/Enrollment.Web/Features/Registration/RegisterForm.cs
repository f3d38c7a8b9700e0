using System.Text.RegularExpressions;
using Enrollment.Data.Entities;

namespace Enrollment.Web.Features.Registration;

/// <summary>登记参保人员. Birth date and sex are derived from the ID number, never typed.</summary>
public sealed class RegisterForm
{
    public string CitizenId { get; set; } = "";

    public string Name { get; set; } = "";

    public long? VillageId { get; set; }

    /// <summary>0 = a new household (地址 required), else an existing household of the village.</summary>
    public long HouseholdId { get; set; }

    public string? Address { get; set; }

    /// <summary>与户主关系 when joining a household (a new household's first member is its head).</summary>
    public RelationToHead? Relation { get; set; }

    public string? Phone { get; set; }

    public string HukouType { get; set; } = "local";
}

/// <summary>
/// The registration form's field rules, checked by the page as the clerk types and again by the command before
/// anything is read or saved. Each answers the Chinese message for its field, or null.
/// </summary>
public static partial class RegisterRules
{
    public const int NameMax = 50;
    public const int AddressMax = 200;

    public static string? Name(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "请输入姓名。" : name.Trim().Length > NameMax ? $"姓名不能超过 {NameMax} 个字符。" : null;

    public static string? Village(long? villageId) => villageId is null ? "请选择所在村（社区）。" : null;

    public static string? Address(long householdId, string? address) =>
        address?.Trim().Length > AddressMax ? $"家庭住址不能超过 {AddressMax} 个字符。"
        : householdId == 0 && string.IsNullOrWhiteSpace(address) ? "新建家庭户请填写家庭住址。"
        : null;

    public static string? Relation(long householdId, RelationToHead? relation) =>
        householdId != 0 && relation is null or RelationToHead.Self ? "加入已有家庭户请选择与户主关系。" : null;

    /// <summary>
    /// A mobile number, optional. <paramref name="typing"/>: the clerk is not done yet, so only what can never
    /// become valid is an error (a non-digit, a wrong start, too many digits).
    /// </summary>
    public static string? Phone(string? phone, bool typing = false)
    {
        var text = phone?.Trim() ?? "";
        if (text.Length == 0 || MobileNumber().IsMatch(text))
        {
            return null;
        }
        return typing && text.Length < 11 && MobilePrefix().IsMatch(text) ? null : "请输入 11 位手机号码（1 开头）。";
    }

    public static string? Hukou(string? code) => string.IsNullOrWhiteSpace(code) ? "请选择户籍类型。" : null;

    /// <summary>Every rule that needs no database, keyed by field name.</summary>
    public static Dictionary<string, string> Check(RegisterForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>();
        Add(errors, nameof(RegisterForm.Name), Name(form.Name));
        Add(errors, nameof(RegisterForm.VillageId), Village(form.VillageId));
        Add(errors, nameof(RegisterForm.Address), Address(form.HouseholdId, form.Address));
        Add(errors, nameof(RegisterForm.Relation), Relation(form.HouseholdId, form.Relation));
        Add(errors, nameof(RegisterForm.Phone), Phone(form.Phone));
        Add(errors, nameof(RegisterForm.HukouType), Hukou(form.HukouType));
        return errors;
    }

    private static void Add(Dictionary<string, string> errors, string field, string? message)
    {
        if (message is not null)
        {
            errors[field] = message;
        }
    }

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex MobileNumber();

    [GeneratedRegex("^1([3-9][0-9]{0,9})?$")]
    private static partial Regex MobilePrefix();
}
