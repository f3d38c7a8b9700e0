using Enrollment.Web.Components.Forms;

namespace Enrollment.Web.Features.Residents;

/// <summary>The two events that take a person off the county's register while keeping their record.</summary>
public enum LifeEventKind
{
    /// <summary>死亡</summary>
    Death,
    /// <summary>迁出 (out of the county)</summary>
    MoveOut,
}

/// <summary>登记死亡 / 迁出: when, and the evidence (证明材料 / 文号).</summary>
public sealed class LifeEventForm
{
    public const int EvidenceMax = 200;

    public LifeEventKind Kind { get; set; }

    public DateOnly? OccurredOn { get; set; }

    [FreeText("证明材料", EvidenceMax)]
    public string? Evidence { get; set; }
}

/// <summary>
/// The outcome of recording a life event: not found (outside the subtree), refused per field, or recorded, with the
/// open campaigns whose unpaid enrollment was cancelled and those whose paid one was kept.
/// </summary>
public sealed record LifeEventResult(
    bool Found, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<string> Cancelled, IReadOnlyList<string> KeptPaid, bool HeadNeedsReplacing)
{
    public bool Recorded => Found && Errors.Count == 0;

    public static LifeEventResult NotFound { get; } = new(false, new Dictionary<string, string>(), [], [], false);

    public static LifeEventResult Refused(Dictionary<string, string> errors) => new(true, errors, [], [], false);
}
