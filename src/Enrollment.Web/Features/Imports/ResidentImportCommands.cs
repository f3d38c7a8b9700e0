using Enrollment.Data.Entities;
using Enrollment.Data.Imports;
using Enrollment.Data.Registry;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Hosting;

namespace Enrollment.Web.Features.Imports;

/// <summary>
/// 导入户籍人口: the check of an uploaded file (its rows kept in <see cref="ImportSessions"/> for the user), the
/// preview's pages (rejected rows first), the commit of the accepted rows, and the report. Every call checks the
/// permission and works in a context of its own acting for the user, so a township clerk's rows of another
/// township are outside_scope and nothing outside their subtree is read or written.
/// </summary>
public sealed class ResidentImportCommands(
    UserDbContextFactory contexts, CurrentUser currentUser, TimeProvider clock, CitizenIdHasher hasher, ImportSessions sessions)
{
    /// <summary>Checks the file and keeps its verdicts for the user; returns the session's id (a refused file has one too).</summary>
    public async Task<Guid> CheckAsync(Stream file, string? fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var user = await currentUser.RequireAsync(Operation.ImportResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var preview = await ResidentImportCheck.CheckAsync(db, hasher, file,
            new ResidentImportOptions(clock.Today(), NameTownships: user.Role != UserRole.VillageStaff), cancellationToken);
        return sessions.Add(user.Id, user.TenantId ?? 0, ImportPages.SafeName(fileName), preview).Id;
    }

    public async Task<ImportSummary?> SummaryAsync(Guid id)
    {
        var (session, preview) = await FindAsync(id);
        if (session is null)
        {
            return null;
        }
        var outcome = session.Outcome as ResidentImportOutcome;
        return new ImportSummary(session.Id, session.FileName, preview!.Counts, preview.Notice, preview.Refusal, outcome is not null,
            outcome is { Error: null } done ? $"已导入 {done.Residents} 人，新建家庭户 {done.Households} 户。" : null, outcome?.Error);
    }

    /// <summary>A page of rows: rejected first (what needs the clerk's attention), then accepted, then unchanged, each by row.</summary>
    public async Task<GridPage<ImportRowView>> RowsAsync(Guid id, GridRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (session, preview) = await FindAsync(id);
        if (session is null)
        {
            return new GridPage<ImportRowView>([], 0);
        }
        var c = ImportPages.IndexOf(preview!.Headers, ResidentColumns.Name, ResidentColumns.Township, ResidentColumns.Village, ResidentColumns.HouseholdNumber);
        return ImportPages.Page(preview.Results, request, null, r =>
        {
            var place = string.Join(" ", new[] { ImportPages.Cell(r, c[1]), ImportPages.Cell(r, c[2]) }.OfType<string>());
            return new ImportRowView(r.Row, r.Verdict, r.Code, r.Message,
                [ImportPages.Cell(r, c[0]), place.Length == 0 ? null : place, ImportPages.Cell(r, c[3])]);
        });
    }

    /// <summary>Stores the accepted rows once (one transaction); a second commit answers the first's outcome.</summary>
    public async Task<ResidentImportOutcome?> CommitAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var (session, preview) = await FindAsync(id);
        if (session is null)
        {
            return null;
        }
        return await session.CommitOnceAsync(async () =>
        {
            await using var db = await contexts.CreateAsync(cancellationToken);
            return await ResidentImportCommit.CommitAsync(db, preview!, session.FileName, clock.Today(), clock.GetUtcNow(), cancellationToken);
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
        await ImportReport.WriteCsvAsync(output, preview!.Headers, preview.Results, cancellationToken);
        return true;
    }

    /// <summary>The user's own live residents check (a payments check is not one).</summary>
    private async Task<(ImportSession? Session, ResidentImportPreview? Preview)> FindAsync(Guid id)
    {
        var user = await currentUser.RequireAsync(Operation.ImportResidents);
        return sessions.Find(id, user.Id, user.TenantId) is { Preview: ResidentImportPreview preview } session ? (session, preview) : (null, null);
    }
}
