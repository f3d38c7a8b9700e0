using System.Text.Json;
using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Features.Accounts;

namespace Enrollment.Web.Features.Refunds;

/// <summary>
/// Audit rows for money changes made by the payment functions (SQL, not tracked entities, so the audit interceptor
/// does not see them): written in the caller's transaction through the interceptor's own path for audit entries.
/// </summary>
internal static class PaymentAudit
{
    public static Task WriteAsync(
        EnrollmentDbContext db, SignedInUser user, string entity, object key, AuditAction action, object? before, object after,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = at,
            ActorUserId = user.Id,
            Actor = user.Login,
            Entity = entity,
            EntityKey = JsonSerializer.Serialize(key),
            Action = action,
            Before = before is null ? null : JsonSerializer.Serialize(before),
            After = JsonSerializer.Serialize(after),
        });
        return db.SaveChangesAsync(cancellationToken);
    }
}
