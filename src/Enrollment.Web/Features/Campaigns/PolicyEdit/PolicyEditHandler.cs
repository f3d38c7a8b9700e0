using System.Security.Cryptography;
using System.Text;
using Enrollment.Data;
using Enrollment.Data.Quoting;
using Enrollment.Data.Entities;
using Enrollment.Domain.Policies;
using Enrollment.Domain.Rules;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>The proposed next version: the current document with the form applied, validated.</summary>
internal sealed record PolicyProposal(PolicyDocument Document, string Json, CompiledPolicy? Policy, IReadOnlyList<PolicyProblem> Problems, string Fingerprint)
{
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
}

internal static class PolicyEditHandler
{
    /// <summary>The most rules of each kind a policy may have (the shipped templates have at most 13 subsidy rules).</summary>
    public const int MostSubsidies = 60, MostTiming = 30, MostPhases = 12;

    public static PolicyProposal Propose(CampaignPolicy current, IReadOnlyCollection<string> townships, PolicyEditForm form) =>
        Propose(current.Version.Document, current.Version.Version, current.Campaign.JurisdictionId is not null, townships, form);

    /// <summary>
    /// The form applied to a copy of the current version's document and validated: first what did not read or lies
    /// outside its range (nothing is computed with it), then the policy validator's problems on the other fields.
    /// Pure: the editor runs it as the administrator types, the save runs it again.
    /// </summary>
    public static PolicyProposal Propose(
        string currentJson, int currentVersion, bool townshipCampaign, IReadOnlyCollection<string> townships, PolicyEditForm form)
    {
        PolicyJson.TryDeserialize(currentJson, out var document, out _);
        var d = document ?? throw new InvalidOperationException("The campaign's current policy is not readable.");
        var read = new FormReader();
        // More rules than any policy has is a tampered call, not a policy: refused before anything is read.
        foreach (var (count, most, path, noun) in new[]
        {
            (form.Subsidies.Count, MostSubsidies, "subsidies", "资助规则"), (form.Timing.Count, MostTiming, "timing", "缴费时间规则"),
            (form.Phases.Count, MostPhases, "collectionWindow", "征缴阶段"),
        })
        {
            if (count > most)
            {
                read.Add(path, "form.too_many", $"{path}: more than {most}", $"{noun}不能超过 {most} 条，现有 {count} 条");
            }
        }
        if (read.Problems.Count > 0)
        {
            return new PolicyProposal(d, currentJson, null, read.Problems, "");
        }
        CheckKeptFromTheVersion(d, townshipCampaign ? null : townships, form, read);
        form.ApplyTo(d, read);
        if (townshipCampaign)
        {
            // A township's own campaign covers one township: a choice per township has nothing to choose between.
            for (var i = 0; i < form.Subsidies.Count; i++)
            {
                if (form.Subsidies[i].TownshipModes.Any(t => !string.IsNullOrWhiteSpace(t.Mode)))
                {
                    read.Add($"subsidies[{i}].modeByTownship", "form.township_modes", "a township campaign has no per-township modes",
                        "本活动由一个镇（街道）单独组织，不能按镇街另选资助方式");
                }
            }
        }
        d.Version = currentVersion + 1;
        // A field that did not read or lay outside its range went in as empty (never as what was typed), so the other
        // fields are still checked as the person types; such a proposal is never compiled into a policy to use.
        PolicyCompiler.TryCompile(d, out var policy, out var result);
        var json = PolicyJson.Serialize(d);
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];
        // Fields that did not read come first; the validator has nothing useful to add on those paths (an unreadable
        // share reads as unset, which it would call 未规定).
        var unread = read.Problems.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        PolicyProblem[] problems = [.. read.Problems, .. result.Problems.Where(p => !unread.Contains(p.Path))];
        return new PolicyProposal(d, json, read.Problems.Count == 0 ? policy : null, problems, fingerprint);
    }

    /// <summary>
    /// What the form carries only to write back or to choose from, checked against the version it started from: the
    /// templates' English maintainer notes (never shown, so never edited: each must be one of the version's), and the
    /// townships of per-township modes (the county's, or one the version already names; null for a township's own
    /// campaign, which has none).
    /// </summary>
    private static void CheckKeptFromTheVersion(PolicyDocument current, IReadOnlyCollection<string>? townships, PolicyEditForm form, FormReader read)
    {
        const string Tampered = "政策模板附带的技术备注不能在此修改，请刷新页面后重新编辑";
        var notes = (current.Notes ?? []).Where(PolicyNotes.IsForMaintainers).ToList();
        if (form.MaintainerNotes.Count > notes.Count || form.MaintainerNotes.Any(n => !notes.Remove(n)))
        {
            read.Add("notes", "form.maintainer_notes", "maintainer notes differ from the current version's", Tampered);
        }
        var subsidyNotes = (current.Subsidies ?? []).Select(s => s.Interpretation).Where(PolicyNotes.IsForMaintainers).ToHashSet(StringComparer.Ordinal);
        var timingNotes = (current.Timing ?? []).Select(t => t.Interpretation).Where(PolicyNotes.IsForMaintainers).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < form.Subsidies.Count; i++)
        {
            if (form.Subsidies[i].MaintainerInterpretation is { } note && !subsidyNotes.Contains(note))
            {
                read.Add($"subsidies[{i}].interpretation", "form.maintainer_notes", "maintainer note not in the current version", Tampered);
            }
        }
        for (var i = 0; i < form.Timing.Count; i++)
        {
            if (form.Timing[i].MaintainerInterpretation is { } note && !timingNotes.Contains(note))
            {
                read.Add($"timing[{i}].interpretation", "form.maintainer_notes", "maintainer note not in the current version", Tampered);
            }
        }
        if (townships is null)
        {
            // A township's own campaign: any choice per township is refused below, whatever it names.
            return;
        }
        var named = (current.Subsidies ?? []).SelectMany(s => (IEnumerable<string>?)s.ModeByTownship?.Keys ?? []).Concat(townships).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < form.Subsidies.Count; i++)
        {
            if (form.Subsidies[i].TownshipModes.Any(t => !string.IsNullOrWhiteSpace(t.Mode) && (t.Township is null || !named.Contains(t.Township.Trim()))))
            {
                read.Add($"subsidies[{i}].modeByTownship", "form.township_unknown", "a township mode names no township of the county",
                    "按镇街另选资助方式中有不属于本县的镇（街道），请刷新页面后重新选择");
            }
        }
    }

    /// <summary>
    /// Saves the proposal as the next version (audited by the DbContext) and mirrors name, window and phases onto
    /// the campaign row. For an open campaign the enrollments not paid yet are re-quoted with the new version
    /// (<see cref="QuoteSnapshotRefresh"/>): in the same transaction when there are at most
    /// <paramref name="inlineRequoteLimit"/> of them, so the version and the re-quote land together; otherwise the
    /// re-quote is left to the background worker (a county-wide one takes 30–60 s, longer than a request should) and
    /// until it lands the lists show those amounts as 重算中 (<see cref="StaleQuotes"/>).
    /// </summary>
    public static async Task<PolicySaved> SaveAsync(
        EnrollmentDbContext db, CampaignPolicy current, PolicyProposal proposal, string reason, long? userId, DateTimeOffset now,
        DateOnly today, int inlineRequoteLimit, CancellationToken ct = default)
    {
        var campaign = current.Campaign;
        var version = campaign.AddPolicyVersion(proposal.Json, reason, userId, now);
        CampaignRowSync.MirrorPolicy(campaign, proposal.Document);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(ct);
            return PolicySaved.Conflict;
        }
        var saved = PolicySaved.Saved;
        if (campaign.Status == CampaignStatus.Open && proposal.Policy is { } policy)
        {
            // Counting stops at the limit: the answer is only "few enough to re-quote now" or not.
            var unpaid = await StaleQuotes.Unpaid(db, campaign.Id).Take(inlineRequoteLimit + 1).CountAsync(ct);
            if (unpaid <= inlineRequoteLimit)
            {
                await QuoteSnapshotRefresh.ApplyAsync(db, campaign.Id, policy, version.Version, reason, today, now, ct: ct);
            }
            else
            {
                saved = PolicySaved.RequoteQueued;
            }
        }
        // An exception above leaves the transaction uncommitted: disposing it rolls the version back too.
        await transaction.CommitAsync(ct);
        return saved;
    }
}

/// <summary>What saving a policy version did.</summary>
internal enum PolicySaved
{
    /// <summary>Saved, and the unpaid (if any) re-quoted with it.</summary>
    Saved,
    /// <summary>Saved; the re-quote of the many unpaid is for the background worker.</summary>
    RequoteQueued,
    /// <summary>Someone else saved a version first: nothing saved.</summary>
    Conflict,
}
