using System.Globalization;
using Enrollment.Data;
using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Web.Features.Campaigns.Quotas;

/// <summary>
/// What a save did: how many quotas changed, or why nothing was saved — messages for the summary, a message per
/// row, and the rows someone else changed meanwhile (shown again with the current figures).
/// </summary>
public sealed record QuotaSaveResult(int Saved, IReadOnlyList<string> Messages, IReadOnlyDictionary<long, string> RowErrors, IReadOnlySet<long> Conflicted)
{
    public static readonly QuotaSaveResult None = new(0, [], new Dictionary<long, string>(), new HashSet<long>());

    public bool Rejected => Messages.Count > 0;
}

/// <summary>Saves a posted quota table: every target it changes, with one reason, all or nothing.</summary>
internal static class QuotaSave
{
    public const int MaxReasonLength = 200;

    /// <summary>
    /// <paramref name="rows"/> are the rows the page shows, freshly loaded: a posted id outside them (another
    /// township's village, another county's) is ignored, so the page's scope is the save's scope.
    /// </summary>
    public static async Task<QuotaSaveResult> SaveAsync(
        EnrollmentDbContext db, long campaignId, IReadOnlyList<QuotaRow> rows, QuotaForm form, long? userId, DateTimeOffset now)
    {
        var posted = form.Targets.GroupBy(t => t.JurisdictionId).ToDictionary(g => g.Key, g => g.First());
        var rowErrors = new Dictionary<long, string>();
        var changes = new List<(QuotaRow Row, int Target, string Version)>();
        foreach (var row in rows)
        {
            if (!posted.TryGetValue(row.JurisdictionId, out var input))
            {
                continue;
            }
            var parsed = QuotaTarget.Parse(input.Target);
            switch (parsed.Kind)
            {
                case ParsedTargetKind.Empty when row.Target is not null:
                    rowErrors[row.JurisdictionId] = "已有任务数不能清空；如不再下达任务，请填 0";
                    break;
                case ParsedTargetKind.Empty:
                    break;
                case ParsedTargetKind.Invalid:
                    rowErrors[row.JurisdictionId] = parsed.Error!;
                    break;
                case ParsedTargetKind.Number when parsed.Value != row.Target:
                    changes.Add((row, parsed.Value, input.Version ?? ""));
                    break;
                case ParsedTargetKind.Number:
                    break;
                default:
                    throw new InvalidOperationException($"Unknown target kind {parsed.Kind}.");
            }
        }

        var reason = form.Reason?.Trim() ?? "";
        var messages = rows.Where(r => rowErrors.ContainsKey(r.JurisdictionId)).Select(r => $"{r.Name}：{rowErrors[r.JurisdictionId]}。").ToList();
        if (messages.Count == 0 && changes.Count == 0)
        {
            return Reject("没有需要保存的调整：填写的任务数与当前一致。");
        }
        if (reason.Length == 0)
        {
            messages.Add("请填写调整原因：每次调整任务数都要记录原因。");
        }
        else if (reason.Length > MaxReasonLength)
        {
            messages.Add($"调整原因不能超过 {MaxReasonLength} 字（现为 {reason.Length} 字）。");
        }
        if (messages.Count > 0)
        {
            return new QuotaSaveResult(0, messages, rowErrors, new HashSet<long>());
        }

        // The version the form was rendered with must still be the current one: otherwise someone saved in between
        // and this form would silently undo their change.
        var stale = changes.Where(c => c.Version != VersionText(c.Row.Version)).Select(c => c.Row).ToList();
        if (stale.Count > 0)
        {
            return Conflict(stale);
        }

        var ids = changes.Select(c => c.Row.JurisdictionId).ToList();
        var existing = await db.Quotas.Where(q => q.CampaignId == campaignId && ids.Contains(q.JurisdictionId)).ToDictionaryAsync(q => q.JurisdictionId);
        foreach (var (row, target, version) in changes)
        {
            if (existing.TryGetValue(row.JurisdictionId, out var quota))
            {
                // Makes the UPDATE check xmin against the rendered version, closing the gap between the check above and now.
                db.Entry(quota).Property(q => q.RowVersion).OriginalValue = uint.TryParse(version, CultureInfo.InvariantCulture, out var v) ? v : 0;
            }
            else
            {
                quota = new Quota { CampaignId = campaignId, JurisdictionId = row.JurisdictionId };
                db.Quotas.Add(quota);
            }
            quota.Change(target, userId, reason, now);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrency conflict on an update, or the unique (campaign, jurisdiction) refusing a second first-time quota.
            db.ChangeTracker.Clear();
            return Conflict([.. changes.Select(c => c.Row)]);
        }
        return QuotaSaveResult.None with { Saved = changes.Count };
    }

    public static string VersionText(uint? version) => version?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static QuotaSaveResult Reject(string message) => QuotaSaveResult.None with { Messages = [message] };

    private static QuotaSaveResult Conflict(List<QuotaRow> rows)
    {
        var names = string.Join("、", rows.Take(5).Select(r => r.Name)) + (rows.Count > 5 ? $"等 {rows.Count} 项" : "");
        return QuotaSaveResult.None with
        {
            Messages = [$"未保存：{names}的任务数刚刚被其他人调整过。下表已显示最新任务数，请核对后重新填写并保存。"],
            Conflicted = rows.Select(r => r.JurisdictionId).ToHashSet(),
        };
    }
}
