using System.Text.Json;
using Enrollment.Data;
using Enrollment.Data.Entities;

namespace Enrollment.Web.Features.Accounts;

/// <summary>
/// Sign-ins, failures and lockouts go to the system audit log (a global, append-only table): who tried which
/// login, from where, and what happened. A failed attempt on an unknown login is recorded too.
/// </summary>
internal sealed class SignInAudit(EnrollmentDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    public Task RecordAsync(AuditAction action, string login, UserAccount? user, CancellationToken cancellationToken = default)
    {
        var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        db.SystemAuditLog.Add(new SystemAuditEntry
        {
            OccurredAt = clock.GetUtcNow(),
            TenantId = user?.TenantId,
            ActorUserId = user?.Id,
            Actor = login,
            Entity = "user_accounts",
            EntityKey = JsonSerializer.Serialize(new { id = user?.Id, login }),
            Action = action,
            After = JsonSerializer.Serialize(new { address }),
        });
        return db.SaveChangesAsync(cancellationToken);
    }
}
