using Enrollment.Data.Entities;
using Enrollment.Data.Imports;
using Enrollment.Data.Imports.Payments;
using Enrollment.Data.Payments;
using Enrollment.Web.Components.Forms;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Imports;

/// <summary>A campaign the payment file can be for: code, name, and whether it collects now (征缴中).</summary>
public sealed record PaymentImportCampaign(string Code, string Name, int PolicyYear, bool Open);

/// <summary>
/// 导入税务缴费明细: the campaigns a file can be for, the check of an uploaded file for one of them (each row as the
/// payments API would answer it; kept in <see cref="ImportSessions"/> for the user), the preview's pages (filtered by
/// verdict), the commit of the accepted rows in one transaction, and the report. County staff only: every call
/// checks the permission and works in a context of its own acting for the user.
/// </summary>
public sealed class PaymentImportCommands(UserDbContextFactory contexts, CurrentUser currentUser, TimeProvider clock, ImportSessions sessions)
{
    /// <summary>The grid's columns after the verdict, in <see cref="ImportRowView.Values"/> order.</summary>
    public static readonly IReadOnlyList<string> Titles = ["姓名", "公民身份号码", "缴费金额", "缴费日期", "缴费渠道", "票据号"];

    /// <summary>The county's campaigns, collecting ones first, then the newest.</summary>
    public async Task<IReadOnlyList<PaymentImportCampaign>> CampaignsAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ImportPayments);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var campaigns = await db.Campaigns.AsNoTracking()
            .Select(c => new { c.Code, c.Name, c.PolicyYear, c.Status })
            .ToListAsync(cancellationToken);
        return [.. campaigns.OrderByDescending(c => c.Status == CampaignStatus.Open).ThenByDescending(c => c.PolicyYear).ThenBy(c => c.Code)
            .Select(c => new PaymentImportCampaign(c.Code, c.Name, c.PolicyYear, c.Status == CampaignStatus.Open))];
    }

    /// <summary>Checks the file for <paramref name="campaign"/> and keeps its verdicts for the user; returns the session's id (a refused file has one too).</summary>
    public async Task<Guid> CheckAsync(Stream file, string? fileName, string? campaign, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var user = await currentUser.RequireAsync(Operation.ImportPayments);
        var code = TextInput.Read(campaign, "征缴活动", 64, required: true);
        var name = ImportPages.SafeName(fileName);
        PaymentImportPreview preview;
        if (code.Problem is { } problem)
        {
            preview = PaymentImportPreview.Refused(problem);
        }
        else
        {
            await using var db = await contexts.CreateAsync(cancellationToken);
            preview = await PaymentImportCheck.CheckAsync(db, file, code.Value!, clock.Today(), cancellationToken);
        }
        return sessions.Add(user.Id, user.TenantId ?? 0, name, preview).Id;
    }

    public async Task<ImportSummary?> SummaryAsync(Guid id)
    {
        var (session, preview) = await FindAsync(id);
        if (session is null)
        {
            return null;
        }
        var outcome = session.Outcome as PaymentImportOutcome;
        return new ImportSummary(session.Id, session.FileName, preview!.Counts, Notice(preview), preview.Refusal, outcome is not null,
            outcome is { Error: null } done ? Done(done) : null, outcome?.Error);
    }

    /// <summary>A page of rows (after a commit with each stored row's actual outcome): of one verdict, or rejected first.</summary>
    public async Task<GridPage<ImportRowView>> RowsAsync(Guid id, GridRequest request, ImportVerdict? verdict)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (session, preview) = await FindAsync(id);
        if (session is null)
        {
            return new GridPage<ImportRowView>([], 0);
        }
        var c = ImportPages.IndexOf(preview!.Headers, PaymentColumns.Name, PaymentColumns.CitizenId, PaymentColumns.Amount,
            PaymentColumns.PaidOn, PaymentColumns.Channel, PaymentColumns.Reference);
        return ImportPages.Page(Results(session, preview), request, verdict, r => new ImportRowView(r.Row, r.Verdict, r.Code, r.Message,
            [ImportPages.Cell(r, c[0]), ImportPages.Cell(r, c[1]) is { } idNumber ? ApiText.MaskId(idNumber) : null,
             ImportPages.Cell(r, c[2]), ImportPages.Cell(r, c[3]), ImportPages.Cell(r, c[4]), ImportPages.Cell(r, c[5])]));
    }

    /// <summary>Stores the accepted rows once (one transaction); a second commit answers the first's outcome.</summary>
    public async Task<PaymentImportOutcome?> CommitAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var (session, preview) = await FindAsync(id);
        if (session is null)
        {
            return null;
        }
        return await session.CommitOnceAsync(async () =>
        {
            await using var db = await contexts.CreateAsync(cancellationToken);
            return await PaymentImportCommit.CommitAsync(db, preview!, session.FileName, clock.GetUtcNow(), cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Writes the verdict report (CSV, UTF-8 with BOM); false when the session is not the user's or has expired.</summary>
    public async Task<bool> WriteReportAsync(Guid id, Stream output, CancellationToken cancellationToken = default)
    {
        var (session, preview) = await FindAsync(id);
        if (session is null)
        {
            return false;
        }
        await ImportReport.WriteCsvAsync(output, preview!.Headers, Results(session, preview), cancellationToken);
        return true;
    }

    /// <summary>The campaign the file was checked for, said above the counts.</summary>
    private static string Notice(PaymentImportPreview preview) =>
        string.Join(" ", new[] { $"征缴活动：{preview.Campaign}。", preview.Notice }.OfType<string>());

    private static string Done(PaymentImportOutcome o) =>
        $"已导入 {o.Payments} 笔缴费（新记 {o.Recorded} 笔，确认村代收 {o.Matched} 笔，重复缴费待退费 {o.RefundDue} 笔），冲正 {o.Reversed} 笔。";

    private static IReadOnlyList<ImportRowResult> Results(ImportSession session, PaymentImportPreview preview) =>
        session.Outcome is PaymentImportOutcome { Error: null } done ? done.Results : preview.Results;

    /// <summary>The user's own live payments check (a residents check is not one).</summary>
    private async Task<(ImportSession? Session, PaymentImportPreview? Preview)> FindAsync(Guid id)
    {
        var user = await currentUser.RequireAsync(Operation.ImportPayments);
        return sessions.Find(id, user.Id, user.TenantId) is { Preview: PaymentImportPreview preview } session ? (session, preview) : (null, null);
    }
}
