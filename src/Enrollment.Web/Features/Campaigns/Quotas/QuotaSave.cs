using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Web.Features.Campaigns.Quotas;

/// <summary>
/// One target as the user typed it, with the quota's row version when they started editing it (null when the place
/// had no quota then). The text is kept as typed: the save explains "12o0" instead of reading it as nothing.
/// </summary>
public sealed record QuotaEdit(long JurisdictionId, string? Target, uint? Version);

/// <summary>
/// What a save did: how many quotas changed, or why nothing was saved — messages for the summary, a message per
/// row, the rows someone else changed meanwhile (shown again with the current figures), or the page not found.
/// </summary>
public sealed record QuotaSaveResult(
    int Saved, IReadOnlyList<string> Messages, IReadOnlyDictionary<long, string> RowErrors, IReadOnlySet<long> Conflicted, bool NotFound = false)
{
    public static readonly QuotaSaveResult None = new(0, [], new Dictionary<long, string>(), new HashSet<long>());

    /// <summary>The campaign or township is unknown, another county's, or has no such quota page: said like a missing one.</summary>
    public static readonly QuotaSaveResult Missing = None with { Messages = ["未找到该征缴活动或镇街的任务数。"], NotFound = true };

    public bool Rejected => Messages.Count > 0;
}

/// <summary>Saves the targets typed on one quota page: every one it changes, with one reason, all or nothing.</summary>
internal static class QuotaSave
{
    public const int MaxReasonLength = 200;

    /// <summary>
    /// <paramref name="rows"/> are the rows of the page, freshly loaded: an edit naming a place outside them (another
    /// township's village, another county's) is ignored, so the page's scope is the save's scope.
    /// </summary>
    public static async Task<QuotaSaveResult> SaveAsync(
        EnrollmentDbContext db, long campaignId, IReadOnlyList<QuotaRow> rows, IReadOnlyList<QuotaEdit> edits, string? reason,
        long userId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var typed = edits.GroupBy(e => e.JurisdictionId).ToDictionary(g => g.Key, g => g.First());
        var rowErrors = new Dictionary<long, string>();
        var changes = new List<(QuotaRow Row, int Target, uint? Version)>();
        foreach (var row in rows)
        {
            if (!typed.TryGetValue(row.JurisdictionId, out var edit))
            {
                continue;
            }
            var check = QuotaTarget.Check(row.Target, edit.Target);
            if (check.Error is not null)
            {
                rowErrors[row.JurisdictionId] = check.Error;
            }
            else if (check.NewTarget is { } target)
            {
                changes.Add((row, target, edit.Version));
            }
        }

        // The reason as any free text is read (no control characters or garbled text); its length said as the page says it.
        var read = TextInput.ReadLines(reason, "调整原因", int.MaxValue);
        var why = read.Value ?? "";
        var messages = rows.Where(r => rowErrors.ContainsKey(r.JurisdictionId)).Select(r => $"{r.Name}：{rowErrors[r.JurisdictionId]}。").ToList();
        if (messages.Count == 0 && changes.Count == 0)
        {
            return Reject("没有需要保存的调整：填写的任务数与当前一致。");
        }
        if (read.Problem is { } problem)
        {
            messages.Add(problem);
        }
        else if (why.Length == 0)
        {
            messages.Add("请填写调整原因：每次调整任务数都要记录原因。");
        }
        else if (why.Length > MaxReasonLength)
        {
            messages.Add($"调整原因不能超过 {MaxReasonLength} 字（现为 {why.Length} 字）。");
        }
        if (messages.Count > 0)
        {
            return QuotaSaveResult.None with { Messages = messages, RowErrors = rowErrors };
        }

        // The version the user started from must still be the current one: otherwise someone saved in between and
        // this save would silently undo their change.
        var stale = changes.Where(c => c.Version != c.Row.Version).Select(c => c.Row).ToList();
        if (stale.Count > 0)
        {
            return Conflict(stale);
        }

        var ids = changes.Select(c => c.Row.JurisdictionId).ToList();
        var existing = await db.Quotas.Where(q => q.CampaignId == campaignId && ids.Contains(q.JurisdictionId))
            .ToDictionaryAsync(q => q.JurisdictionId, cancellationToken);
        foreach (var (row, target, version) in changes)
        {
            if (existing.TryGetValue(row.JurisdictionId, out var quota))
            {
                // Makes the UPDATE check xmin against the version the user started from, closing the gap since the check above.
                db.Entry(quota).Property(q => q.RowVersion).OriginalValue = version ?? 0;
            }
            else
            {
                quota = new Quota { CampaignId = campaignId, JurisdictionId = row.JurisdictionId };
                db.Quotas.Add(quota);
            }
            quota.Change(target, userId, why, now);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrency conflict on an update, or the unique (campaign, jurisdiction) refusing a second first-time quota.
            db.ChangeTracker.Clear();
            return Conflict([.. changes.Select(c => c.Row)]);
        }
        return QuotaSaveResult.None with { Saved = changes.Count };
    }

    private static QuotaSaveResult Reject(string message) => QuotaSaveResult.None with { Messages = [message] };

    private static QuotaSaveResult Conflict(List<QuotaRow> rows)
    {
        var names = string.Join("、", rows.Take(5).Select(r => r.Name)) + (rows.Count > 5 ? $"等 {rows.Count} 项" : "");
        return QuotaSaveResult.None with
        {
            Messages = [$"未保存：{names}的任务数刚刚被其他人调整过。表中已显示最新任务数，请核对后重新填写并保存。"],
            Conflicted = rows.Select(r => r.JurisdictionId).ToHashSet(),
        };
    }
}
