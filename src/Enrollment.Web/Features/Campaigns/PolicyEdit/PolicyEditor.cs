using System.Diagnostics.CodeAnalysis;
using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Domain.Policies;
using Enrollment.Domain.Rules;
using Enrollment.Web.Components.Forms;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>
/// A campaign's policy opened for editing: the version the edit starts from (its JSON keeps what the form does not
/// show) and the county's townships for per-township modes (none for a township's own campaign).
/// </summary>
public sealed record PolicyEditorModel(
    string Code, string CampaignName, CampaignStatus Status, int BaseVersion, string BaseJson, PolicyDocument BaseDocument,
    bool TownshipCampaign, IReadOnlyList<string> Townships, IReadOnlyList<PolicyProblem> CurrentProblems)
{
    public bool Editable => Status is CampaignStatus.Draft or CampaignStatus.Open;

    /// <summary>An open campaign changes only with a reason, after its impact on the enrolled was previewed.</summary>
    public bool Open => Status == CampaignStatus.Open;

    public PolicyEditForm NewForm() => PolicyEditForm.From(BaseDocument, Townships);
}

/// <summary>The form as it stands: every problem by path, and a fingerprint of the policy it would save.</summary>
public sealed record PolicyCheck(IReadOnlyList<PolicyProblem> Problems, string Fingerprint)
{
    public int ErrorCount => Problems.Count(p => p.Severity == ProblemSeverity.Error);

    public bool HasErrors => ErrorCount > 0;
}

public enum PolicySaveOutcome
{
    Saved,
    /// <summary>The form has errors: nothing saved (see the check).</summary>
    Invalid,
    /// <summary>An open campaign's change was not previewed as it stands: the preview comes back instead.</summary>
    PreviewRequired,
    /// <summary>An open campaign's change needs a reason.</summary>
    ReasonRequired,
    /// <summary>Someone saved another version since this edit began.</summary>
    Conflict,
    /// <summary>The campaign is closed or accepted: its policy is final.</summary>
    ReadOnly,
    NotFound,
}

/// <summary>What a preview or a save answered; <see cref="Impact"/> whenever one was computed; <see cref="RequoteQueued"/>
/// when the unpaid are re-quoted in the background after the save.</summary>
public sealed record PolicySaveAnswer(
    PolicySaveOutcome Outcome, PolicyCheck? Check = null, ImpactSummary? Impact = null, int? Version = null, bool RequoteQueued = false);

/// <summary>
/// The whole-policy editor's handler: open, check as the administrator types, preview the impact on the enrolled,
/// save as the next version (re-quoting the unpaid of an open campaign in the same transaction). County
/// administrators only; another county's campaign is not found.
/// </summary>
public sealed class PolicyEditor(
    UserDbContextFactory contexts, CurrentUser currentUser, TimeProvider clock, RequoteQueue requotes, IOptions<RequoteOptions> requoteOptions)
{
    /// <summary>The reason is kept with the version; longer text is refused by the form and here.</summary>
    public const int ReasonLength = 200;

    public async Task<PolicyEditorModel?> OpenAsync(string code, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ManageCampaigns);
        await using var db = await contexts.CreateAsync(cancellationToken);
        if (await CampaignPolicyQuery.LoadAsync(db, code, cancellationToken) is not { Document: { } document } current)
        {
            return null;
        }
        var campaign = current.Campaign;
        var townships = await TownshipsAsync(db, campaign, cancellationToken);
        return new PolicyEditorModel(campaign.Code, campaign.Name, campaign.Status, current.Version.Version, current.Version.Document,
            document, campaign.JurisdictionId is not null, townships, current.Loaded.Problems);
    }

    /// <summary>The form checked against the version it started from (no database: it runs on every change).</summary>
    public static PolicyCheck Check(PolicyEditorModel model, PolicyEditForm form)
    {
        ArgumentNullException.ThrowIfNull(model);
        var proposal = PolicyEditHandler.Propose(model.BaseJson, model.BaseVersion, model.TownshipCampaign, model.Townships, form);
        return new PolicyCheck(proposal.Problems, proposal.Fingerprint);
    }

    /// <summary>What saving the form would do to the campaign's enrolled residents (new minus current quotes).</summary>
    public async Task<PolicySaveAnswer> PreviewAsync(string code, int baseVersion, PolicyEditForm form, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ManageCampaigns);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var edit = await ProposeAsync(db, code, baseVersion, form, cancellationToken);
        if (!edit.IsReady)
        {
            return edit.Refusal;
        }
        var (current, proposal, check, proposed) = edit.Ready;
        var impact = await ImpactPreview.ComputeAsync(db, current.Campaign.Id, current.Loaded.Policy ?? proposed, proposed, clock.Today(), cancellationToken);
        return new PolicySaveAnswer(PolicySaveOutcome.PreviewRequired, check, impact);
    }

    /// <summary>
    /// Saves the form as the next version. An open campaign saves only the change whose preview was shown
    /// (<paramref name="previewed"/> is its fingerprint) and only with a reason.
    /// </summary>
    public async Task<PolicySaveAnswer> SaveAsync(
        string code, int baseVersion, PolicyEditForm form, string? reason, string? previewed, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.RequireAsync(Operation.ManageCampaigns);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var edit = await ProposeAsync(db, code, baseVersion, form, cancellationToken);
        if (!edit.IsReady)
        {
            return edit.Refusal;
        }
        var (current, proposal, check, proposed) = edit.Ready;
        // The reason is kept with the version: read as any free text, refused (not cut) when too long.
        var reasonRead = TextInput.ReadLines(reason, "修改原因", ReasonLength);
        if (reasonRead.Problem is { } problem)
        {
            var unread = new PolicyProblem(ProblemSeverity.Error, "reason", "form.reason", "the reason does not read", problem.TrimEnd('。'));
            return new PolicySaveAnswer(PolicySaveOutcome.Invalid, check with { Problems = [.. check.Problems, unread] });
        }
        var why = reasonRead.Value;
        if (current.Campaign.Status == CampaignStatus.Open)
        {
            if (previewed != proposal.Fingerprint)
            {
                var impact = await ImpactPreview.ComputeAsync(db, current.Campaign.Id, current.Loaded.Policy ?? proposed, proposed, clock.Today(), cancellationToken);
                return new PolicySaveAnswer(PolicySaveOutcome.PreviewRequired, check, impact);
            }
            if (why is null)
            {
                return new PolicySaveAnswer(PolicySaveOutcome.ReasonRequired, check);
            }
        }
        var saved = await PolicyEditHandler.SaveAsync(db, current, proposal, why ?? "修改草稿政策", user.Id, clock.GetUtcNow(), clock.Today(),
            requoteOptions.Value.InlineLimit, cancellationToken);
        switch (saved)
        {
            case PolicySaved.Conflict:
                return new PolicySaveAnswer(PolicySaveOutcome.Conflict, check);
            case PolicySaved.RequoteQueued:
                requotes.Request(db.Tenant.TenantId!.Value, current.Campaign.Id);
                return new PolicySaveAnswer(PolicySaveOutcome.Saved, check, Version: proposal.Document.Version, RequoteQueued: true);
            case PolicySaved.Saved:
                return new PolicySaveAnswer(PolicySaveOutcome.Saved, check, Version: proposal.Document.Version);
        }
        throw new InvalidOperationException($"Unknown save outcome {saved}.");
    }

    /// <summary>
    /// The campaign's current policy with the form applied and checked, or the answer that stops a preview or a save
    /// before anything is computed: not found, not editable or edited meanwhile, or a form with errors.
    /// </summary>
    private static async Task<ProposedEdit> ProposeAsync(
        EnrollmentDbContext db, string code, int baseVersion, PolicyEditForm form, CancellationToken cancellationToken)
    {
        if (await CampaignPolicyQuery.LoadAsync(db, code, cancellationToken) is not { } current)
        {
            return new(null, new PolicySaveAnswer(PolicySaveOutcome.NotFound));
        }
        if (Refusal(current, baseVersion) is { } refused)
        {
            return new(null, new PolicySaveAnswer(refused));
        }
        var proposal = PolicyEditHandler.Propose(current, await TownshipsAsync(db, current.Campaign, cancellationToken), form);
        var check = new PolicyCheck(proposal.Problems, proposal.Fingerprint);
        return proposal.HasErrors || proposal.Policy is not { } policy
            ? new(null, new PolicySaveAnswer(PolicySaveOutcome.Invalid, check))
            : new(new ReadyEdit(current, proposal, check, policy), null);
    }

    private sealed record ReadyEdit(CampaignPolicy Current, PolicyProposal Proposal, PolicyCheck Check, CompiledPolicy Policy);

    private sealed record ProposedEdit(ReadyEdit? Ready, PolicySaveAnswer? Refusal)
    {
        [MemberNotNullWhen(true, nameof(Ready))]
        [MemberNotNullWhen(false, nameof(Refusal))]
        public bool IsReady => Ready is not null;
    }

    /// <summary>The county's townships in official order, for per-township modes; none for a township's own campaign.</summary>
    private static async Task<List<string>> TownshipsAsync(EnrollmentDbContext db, Campaign campaign, CancellationToken cancellationToken) =>
        campaign.JurisdictionId is null
            ? await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.Township)
                .OrderBy(j => j.DisplayOrder).ThenBy(j => j.Id).Select(j => j.Name).ToListAsync(cancellationToken)
            : [];

    private static PolicySaveOutcome? Refusal(CampaignPolicy current, int baseVersion) =>
        current.Campaign.Status is not (CampaignStatus.Draft or CampaignStatus.Open) ? PolicySaveOutcome.ReadOnly
        : current.Version.Version != baseVersion ? PolicySaveOutcome.Conflict
        : null;
}
