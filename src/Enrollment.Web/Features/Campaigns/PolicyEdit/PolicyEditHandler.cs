using System.Security.Cryptography;
using System.Text;
using Enrollment.Data;
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
    public static PolicyProposal Propose(CampaignPolicy current, PolicyEditForm form)
    {
        PolicyJson.TryDeserialize(current.Version.Document, out var document, out _);
        var d = document ?? throw new InvalidOperationException($"Campaign {current.Campaign.Code}: its current policy is not readable.");
        var read = new FormReader();
        form.ApplyTo(d, read);
        d.Version = current.Version.Version + 1;
        PolicyCompiler.TryCompile(d, out var policy, out var result);
        var json = PolicyJson.Serialize(d);
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];
        // Fields that did not read come first; the validator's findings on the same paths follow.
        return new PolicyProposal(d, json, read.Problems.Count == 0 ? policy : null, [.. read.Problems, .. result.Problems], fingerprint);
    }

    /// <summary>
    /// Saves the proposal as the next version (audited by the DbContext) and mirrors name, window and phases onto
    /// the campaign row. False when someone else saved a version first.
    /// </summary>
    public static async Task<bool> SaveAsync(EnrollmentDbContext db, CampaignPolicy current, PolicyProposal proposal, string reason, long? userId, DateTimeOffset now)
    {
        var campaign = current.Campaign;
        campaign.AddPolicyVersion(proposal.Json, reason, userId, now);
        CampaignRowSync.MirrorPolicy(campaign, proposal.Document);
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}
