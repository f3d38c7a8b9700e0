namespace Enrollment.Data.Rollover;

/// <summary>
/// What a roll-over did: enrollments created per history, and the residents of the target's area it did not
/// enrol and why. <see cref="Error"/> is set (in Chinese, for the page) when the roll-over was refused; then
/// nothing was written and every count is zero.
/// </summary>
public sealed record RolloverResult
{
    /// <summary>Why the roll-over was refused, or null when it ran.</summary>
    public string? Error { get; init; }

    public bool Succeeded => Error is null;

    public string FromCampaign { get; init; } = "";

    public string ToCampaign { get; init; } = "";

    /// <summary>Paid in the policy year just before the target's.</summary>
    public long Continuing { get; init; }

    /// <summary>Never covered in any earlier policy year of the tenant.</summary>
    public long FirstTime { get; init; }

    /// <summary>Covered once, but not in the year just before (gap_years ≥ 1).</summary>
    public long Interrupted { get; init; }

    /// <summary>Enrollments this run created.</summary>
    public long Created => Continuing + FirstTime + Interrupted;

    /// <summary>Active residents who already had an enrollment in the target campaign (left unchanged).</summary>
    public long AlreadyEnrolled { get; init; }

    public long SkippedDeceased { get; init; }

    public long SkippedMovedOut { get; init; }

    public long SkippedCancelled { get; init; }

    /// <summary>
    /// Active residents left out because of an exclusion: any recorded in the target campaign, or one that leaves
    /// the base (现役军人 … 职工医保, 异地参保; not 拒绝参保) recorded in the year before when they did not pay then.
    /// </summary>
    public long SkippedExcluded { get; init; }

    public static RolloverResult Refused(string message) => new() { Error = message };
}
