using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Components.Forms;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Users;

/// <summary>
/// What the user-management pages read: the administrator's choices, the list of accounts (paged, sorted and
/// filtered on the server) and one account. Everything goes through <see cref="UserAdminScope.Manageable"/>: an
/// account outside it is not found, exactly like a missing one.
/// </summary>
public sealed class UserQueries(UserDbContextFactory contexts, CurrentUser currentUser, TimeProvider clock)
{
    public async Task<UserAdminView> ViewAsync(CancellationToken cancellationToken = default)
    {
        var scope = UserAdminScope.For(await currentUser.RequireAsync(Operation.ManageUsers));
        await using var db = await contexts.CreateAsync(cancellationToken);
        if (scope.IsSystemAdmin)
        {
            var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Id)
                .Select(t => new TenantChoice(t.Id, t.Name, t.IsActive)).ToListAsync(cancellationToken);
            return new UserAdminView(true, false, scope.AssignableRoles, JurisdictionChoices.None, tenants);
        }
        var choices = await JurisdictionChoices.LoadAsync(db, cancellationToken);
        return new UserAdminView(false, scope.IsSubtreeAdmin, scope.AssignableRoles, choices, []);
    }

    public async Task<GridPage<UserRow>> PageAsync(UserFilter filter, GridRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(request);
        var scope = UserAdminScope.For(await currentUser.RequireAsync(Operation.ManageUsers));
        await using var db = await contexts.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var users = await FilteredAsync(db, scope, filter, now, cancellationToken);
        var total = await users.CountAsync(cancellationToken);
        var ordered = (request.SortBy, request.Descending) switch
        {
            (nameof(UserRow.DisplayName), false) => users.OrderBy(u => u.DisplayName).ThenBy(u => u.Login),
            (nameof(UserRow.DisplayName), true) => users.OrderByDescending(u => u.DisplayName).ThenBy(u => u.Login),
            (nameof(UserRow.Login), false) => users.OrderBy(u => u.Login),
            (nameof(UserRow.Login), true) => users.OrderByDescending(u => u.Login),
            _ => users.OrderBy(u => u.TenantId).ThenBy(u => u.Login),
        };
        var rows = await ordered.Skip(request.Skip).Take(request.Size).AsNoTracking().ToListAsync(cancellationToken);
        var places = await PlacesAsync(db, scope, cancellationToken);
        return new GridPage<UserRow>(
            [.. rows.Select(u => new UserRow(u.Id, u.Login, u.DisplayName, u.Role, places(u), UserText.StatusOf(u, now)))], total);
    }

    /// <summary>The account, or null when it does not exist or lies outside the administrator's scope.</summary>
    public async Task<UserDetail?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        var scope = UserAdminScope.For(await currentUser.RequireAsync(Operation.ManageUsers));
        await using var db = await contexts.CreateAsync(cancellationToken);
        var user = await scope.Manageable(db).AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return null;
        }
        var places = await PlacesAsync(db, scope, cancellationToken);
        return new UserDetail(user.Id, user.Login, user.DisplayName, user.Role, user.JurisdictionId, places(user),
            UserText.StatusOf(user, clock.GetUtcNow()), user.Id == scope.UserId);
    }

    private static async Task<IQueryable<UserAccount>> FilteredAsync(
        EnrollmentDbContext db, UserAdminScope scope, UserFilter filter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var users = scope.Manageable(db);
        if (scope.IsSystemAdmin && filter.TenantId is { } tenantId)
        {
            users = users.Where(u => u.TenantId == tenantId);
        }
        if (!scope.IsSystemAdmin && filter.Role is { } role)
        {
            // A role no account can have (a tampered filter) matches nobody.
            users = Enum.IsDefined(role) ? users.Where(u => u.Role == role) : users.Where(_ => false);
        }
        if (!scope.IsSystemAdmin && filter.JurisdictionId is { } jurisdictionId)
        {
            // The subtree of a jurisdiction the administrator sees; one outside it (or none) matches nobody.
            var path = await db.Jurisdictions.Where(j => j.Id == jurisdictionId).Select(j => j.Path).SingleOrDefaultAsync(cancellationToken);
            users = path is null ? users.Where(_ => false) : users.Where(u => db.Jurisdictions.Any(j => j.Id == u.JurisdictionId && j.Path.StartsWith(path)));
        }
        users = filter.Status is not { } status ? users : !Enum.IsDefined(status) ? users.Where(_ => false) : status switch
        {
            UserStatus.Disabled => users.Where(u => !u.IsActive),
            UserStatus.LockedOut => users.Where(u => u.IsActive && u.LockoutEnd > now),
            UserStatus.MustChangePassword => users.Where(u => u.IsActive && (u.LockoutEnd == null || u.LockoutEnd <= now) && u.MustChangePassword),
            UserStatus.Normal => users.Where(u => u.IsActive && (u.LockoutEnd == null || u.LockoutEnd <= now) && !u.MustChangePassword),
        };
        if (filter.Text?.Trim() is { Length: > 0 } typed)
        {
            // Search text as any text is read; text nobody types (a NUL, a lone surrogate…) finds nobody.
            if (TextInput.Read(typed, "搜索内容", int.MaxValue).Value is not { } text)
            {
                return users.Where(_ => false);
            }
            text = text.Length > UserFilter.MaxTextLength ? text[..UserFilter.MaxTextLength] : text;
            var login = text.ToLowerInvariant();
            users = users.Where(u => u.Login.Contains(login) || u.DisplayName.Contains(text));
        }
        return users;
    }

    /// <summary>Where an account belongs as the list says it: its county bureau, or its jurisdiction in the county.</summary>
    private static async Task<Func<UserAccount, string>> PlacesAsync(EnrollmentDbContext db, UserAdminScope scope, CancellationToken cancellationToken)
    {
        if (scope.IsSystemAdmin)
        {
            var tenants = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
            return u => u.TenantId is { } id && tenants.TryGetValue(id, out var name) ? name : "—";
        }
        var choices = await JurisdictionChoices.LoadAsync(db, cancellationToken);
        return u => choices.Label(u.JurisdictionId);
    }
}
