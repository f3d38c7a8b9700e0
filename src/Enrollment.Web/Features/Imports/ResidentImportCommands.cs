using Enrollment.Data.Entities;
using Enrollment.Data.Imports;
using Enrollment.Data.Registry;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Hosting;

namespace Enrollment.Web.Features.Imports;

/// <summary>What the preview shows above the rows: the file, the counts, what the reader noticed, and the commit's outcome.</summary>
public sealed record ImportSummary(
    Guid Id, string FileName, ImportCounts Counts, string? Notice, string? Refusal, ResidentImportOutcome? Outcome)
{
    public bool CanCommit => Refusal is null && Outcome is null && Counts.Accepted > 0;
}

/// <summary>One row of the preview as the grid shows it.</summary>
public sealed record ImportRowView(int Row, ImportVerdict Verdict, string? Code, string? Message, string? Name, string? Place, string? Household);

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
        return sessions.Add(user.Id, user.TenantId ?? 0, SafeName(fileName), preview).Id;
    }

    public async Task<ImportSummary?> SummaryAsync(Guid id)
    {
        var session = await FindAsync(id);
        return session is null ? null : new ImportSummary(
            session.Id, session.FileName, session.Preview.Counts, session.Preview.Notice, session.Preview.Refusal, session.Outcome);
    }

    /// <summary>A page of rows: rejected first (what needs the clerk's attention), then accepted, then unchanged, each by row.</summary>
    public async Task<GridPage<ImportRowView>> RowsAsync(Guid id, GridRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = await FindAsync(id);
        if (session is null)
        {
            return new GridPage<ImportRowView>([], 0);
        }
        var results = session.Preview.Results;
        var ordered = results.Where(r => r.Verdict == ImportVerdict.Rejected)
            .Concat(results.Where(r => r.Verdict == ImportVerdict.Accepted))
            .Concat(results.Where(r => r.Verdict == ImportVerdict.Unchanged));
        var columns = ImportColumnsOf(session.Preview.Headers);
        var page = ordered.Skip(request.Skip).Take(request.Size).Select(r => View(r, columns)).ToList();
        return new GridPage<ImportRowView>(page, results.Count);
    }

    /// <summary>Stores the accepted rows once (one transaction); a second commit answers the first's outcome.</summary>
    public async Task<ResidentImportOutcome?> CommitAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var session = await FindAsync(id);
        if (session is null)
        {
            return null;
        }
        await session.CommitLock.WaitAsync(cancellationToken);
        try
        {
            if (session.Outcome is { } done)
            {
                return done;
            }
            await using var db = await contexts.CreateAsync(cancellationToken);
            session.Outcome = await ResidentImportCommit.CommitAsync(db, session.Preview, session.FileName, clock.Today(), clock.GetUtcNow(), cancellationToken);
            return session.Outcome;
        }
        finally
        {
            session.CommitLock.Release();
        }
    }

    /// <summary>Writes the verdict report (CSV, UTF-8 with BOM); false when the session is not the user's or has expired.</summary>
    public async Task<bool> WriteReportAsync(Guid id, Stream output, CancellationToken cancellationToken = default)
    {
        var session = await FindAsync(id);
        if (session is null)
        {
            return false;
        }
        await ImportReport.WriteCsvAsync(output, session.Preview.Headers, session.Preview.Results, cancellationToken);
        return true;
    }

    private async Task<ImportSession?> FindAsync(Guid id)
    {
        var user = await currentUser.RequireAsync(Operation.ImportResidents);
        return sessions.Find(id, user.Id, user.TenantId);
    }

    private sealed record Columns(int Name, int Township, int Village, int Household);

    private static Columns ImportColumnsOf(IReadOnlyList<string> headers)
    {
        int Index(ImportColumn column)
        {
            for (var i = 0; i < headers.Count; i++)
            {
                if (column.Matches(ImportText.Header(headers[i])))
                {
                    return i;
                }
            }
            return -1;
        }
        return new Columns(Index(ResidentColumns.Name), Index(ResidentColumns.Township), Index(ResidentColumns.Village), Index(ResidentColumns.HouseholdNumber));
    }

    private static ImportRowView View(ImportRowResult r, Columns c)
    {
        string? Cell(int i) => i >= 0 && i < r.Cells.Length ? ImportText.Clean(r.Cells[i]) : null;
        var place = string.Join(" ", new[] { Cell(c.Township), Cell(c.Village) }.OfType<string>());
        return new ImportRowView(r.Row, r.Verdict, r.Code, r.Message, Cell(c.Name), place.Length == 0 ? null : place, Cell(c.Household));
    }

    /// <summary>The file's name as the browser sent it, without a path, short enough for the audit row.</summary>
    private static string SafeName(string? fileName)
    {
        var name = Path.GetFileName(fileName ?? "").Trim();
        name = string.Concat(name.Where(ch => !char.IsControl(ch)));
        return name.Length == 0 ? "未命名文件" : name.Length > 100 ? name[..100] : name;
    }
}
