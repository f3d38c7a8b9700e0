namespace Enrollment.Web.Features.Residents;

/// <summary>The editable details of a resident as stored (or as the clerk started from).</summary>
public sealed record ResidentEditValues(string Name, string? Phone, string HukouType, string? Address);

/// <summary>
/// 修改人员信息: name, phone, hukou type and the household's address. <see cref="Loaded"/> and the row versions are
/// what the clerk started from; a save against a newer version is refused with what changed, field by field.
/// </summary>
public sealed class ResidentEditForm
{
    public long ResidentId { get; set; }

    public string Name { get; set; } = "";

    public string? Phone { get; set; }

    public string HukouType { get; set; } = "local";

    /// <summary>The household's address (a resident without a household has none to edit).</summary>
    public string? Address { get; set; }

    public uint ResidentVersion { get; set; }

    public uint? HouseholdVersion { get; set; }

    public ResidentEditValues? Loaded { get; set; }

    /// <summary>Takes the stored state as the new starting point, keeping what the clerk typed (to re-apply it).</summary>
    public void Rebase(ResidentEditForm stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ResidentVersion = stored.ResidentVersion;
        HouseholdVersion = stored.HouseholdVersion;
        Loaded = stored.Loaded;
    }
}

/// <summary>A field someone else changed since the clerk opened the form: what the clerk typed, what is stored now.</summary>
public sealed record EditConflict(string Field, string Label, string? Yours, string? Stored);

public sealed record ResidentEditView(ResidentEditForm Form, IReadOnlyList<Registration.HukouChoice> HukouTypes, bool HasHousehold);

/// <summary>
/// The outcome of 保存: not found, refused per field, a conflict (with the stored state to rebase on), or saved.
/// </summary>
public sealed record ResidentEditResult(
    bool Found, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<EditConflict> Conflicts, ResidentEditForm? Stored)
{
    public bool Saved => Found && Errors.Count == 0 && Conflicts.Count == 0;

    public static ResidentEditResult NotFound { get; } = new(false, new Dictionary<string, string>(), [], null);
}
