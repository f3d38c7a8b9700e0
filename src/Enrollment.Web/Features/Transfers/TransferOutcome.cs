using Enrollment.Data;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Transfers;

/// <summary>What a decision or a withdrawal did; the page says each in Chinese (<see cref="TransferText.Outcome"/>).</summary>
public enum TransferOutcome
{
    Approved,
    Rejected,
    Withdrawn,
    /// <summary>Not a request this user may act on (out of scope, another tenant, the wrong side): answered 404.</summary>
    NotFound,
    NoteRequired,
    /// <summary>The note is longer than the form allows or holds characters nobody types: nothing done.</summary>
    NoteInvalid,
    /// <summary>No longer pending, or changed since the page was rendered: someone else acted first; nothing done.</summary>
    AlreadyClosed,
    /// <summary>The resident no longer lives where the request said: it is marked 已失效 and nobody is moved.</summary>
    Lapsed,
}

internal static class TransferScope
{
    /// <summary>
    /// Whether the village lies in the signed-in user's subtree: the jurisdiction filter answers it (the whole tenant
    /// when the user is county-wide).
    /// </summary>
    public static Task<bool> ContainsAsync(EnrollmentDbContext db, long villageId, CancellationToken cancellationToken) =>
        db.Jurisdictions.AnyAsync(j => j.Id == villageId, cancellationToken);

}
