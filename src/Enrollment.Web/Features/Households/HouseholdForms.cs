using Enrollment.Data.Entities;

namespace Enrollment.Web.Features.Households;

/// <summary>修改与户主关系 of one member (not the head: the head is 本人 until another member is made head).</summary>
public sealed class RelationChangeForm
{
    public long ResidentId { get; set; }

    public RelationToHead? Relation { get; set; }
}

/// <summary>更换户主: another member becomes the head; the old head gets the relation the clerk chooses.</summary>
public sealed class HeadChangeForm
{
    public long HouseholdId { get; set; }

    public long NewHeadId { get; set; }

    public RelationToHead? OldHeadRelation { get; set; }
}

/// <summary>迁入其他户: one member joins another household of the township, with their relation to its head.</summary>
public sealed class MoveForm
{
    public long ResidentId { get; set; }

    public long TargetHouseholdId { get; set; }

    public RelationToHead? Relation { get; set; }
}

/// <summary>One member taken along by a split or a merge, with their relation to the (new) head.</summary>
public sealed class MemberRelation
{
    public long ResidentId { get; set; }

    public RelationToHead? Relation { get; set; }
}

/// <summary>分户: chosen members leave for a new household of the same village, one of them its head.</summary>
public sealed class SplitForm
{
    public long HouseholdId { get; set; }

    /// <summary>The members who leave, the new head among them (their relation is ignored: 本人).</summary>
    public List<MemberRelation> Members { get; set; } = [];

    public long NewHeadId { get; set; }

    public string? Address { get; set; }
}

/// <summary>合户: every member of another household of the same village joins this one; that household is removed.</summary>
public sealed class MergeForm
{
    public long HouseholdId { get; set; }

    public long OtherHouseholdId { get; set; }

    /// <summary>Each incoming member's relation to this household's head.</summary>
    public List<MemberRelation> Members { get; set; } = [];
}

/// <summary>
/// The outcome of a household change: not found (outside the subtree or gone, like the page's 404), refused with a
/// Chinese reason, or done, with the household the page should show next (the new one after a split).
/// </summary>
public sealed record HouseholdChange(bool Found, string? Refusal, long? HouseholdId)
{
    public bool Ok => Found && Refusal is null;

    public static HouseholdChange NotFound { get; } = new(false, null, null);

    public static HouseholdChange Refused(string reason) => new(true, reason, null);

    public static HouseholdChange Done(long householdId) => new(true, null, householdId);
}
