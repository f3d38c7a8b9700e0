using System.Text.RegularExpressions;
using Enrollment.Data.Entities;
using Enrollment.Domain.Residents;
using Enrollment.Web.Components.Forms;

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
        string.IsNullOrWhiteSpace(name) ? "请输入姓名。" : TextInput.Name(name, "姓名", NameMax).Problem;

    public static string? Village(long? villageId) => villageId is null ? "请选择所在村（社区）。" : null;

    public static string? Address(long householdId, string? address) =>
        TextInput.Read(address, "家庭住址", AddressMax).Problem
        ?? (householdId == 0 && string.IsNullOrWhiteSpace(address) ? "新建家庭户请填写家庭住址。" : null);

    /// <summary>A relation the list offers (a tampered call can send any number as one), and one when joining a household.</summary>
    public static string? Relation(long householdId, RelationToHead? relation) =>
        relation is { } r && !Enum.IsDefined(r) ? "请从列表中选择与户主关系。"
        : householdId != 0 && relation is null or RelationToHead.Self ? "加入已有家庭户请选择与户主关系。"
        : null;

    /// <summary>
    /// A mobile or landline number, optional (<see cref="PhoneNumber"/>). <paramref name="typing"/>: the clerk is not
    /// done yet, so only what can never become valid is an error (a letter, a wrong start, too many digits).
    /// </summary>
    public static string? Phone(string? phone, bool typing = false)
    {
        var read = TextInput.Read(phone, "联系电话", PhoneNumber.MaxLength);
        if (!read.IsOk)
        {
            return read.Problem;
        }
        // Full-width digits typed with a Chinese IME read as digits (TextInput).
        if (PhoneNumber.TryNormalize(read.Value, out _, out var reason))
        {
            return null;
        }
        return typing && StillTyping().IsMatch(read.Value ?? "") ? null : reason;
    }

    /// <summary>A code of the shape the list's codes have; whether it is one of them the command asks the database.</summary>
    public static string? Hukou(string? code) => code is null || !HukouCode().IsMatch(code) ? "请选择户籍类型。" : null;

    /// <summary>The phone number to store: null when none, else its normal form (checked by <see cref="Phone"/> first).</summary>
    public static string? StoredPhone(string? phone) =>
        PhoneNumber.TryNormalize(TextInput.Read(phone, "联系电话", PhoneNumber.MaxLength).Value, out var normalized, out _) ? normalized : null;

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

    /// <summary>The hukou_types table's own rule for a code (and at most 40 characters).</summary>
    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex HukouCode();

    /// <summary>The start of a mobile (1, then 3–9, under 11 digits) or of a landline (0, separators allowed).</summary>
    [GeneratedRegex("^(1([3-9][0-9]{0,9})?|0[0-9 -]{0,12})$")]
    private static partial Regex StillTyping();
}
