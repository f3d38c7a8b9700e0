using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Enrollment.Data.Entities;
using Enrollment.Testing.Web;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Users;

namespace Enrollment.Web.Tests.Users;

/// <summary>Calling the user-management handlers as a world's account, the way the pages call them.</summary>
internal static class UserTestKit
{
    private static readonly HtmlParser Parser = new();

    public static readonly GridRequest FirstPage = new(0, GridRequest.MaxPageSize);

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    public static async Task<T> AsAsync<T>(this UsersApp app, WorldUser user, Func<UserSession, Task<T>> act)
    {
        await using var session = await app.SessionAsync(user.Login);
        return await act(session);
    }

    public static Task<UserCreation> CreateAsync(this UsersApp app, WorldUser admin, NewUserForm form) =>
        app.AsAsync(admin, s => s.Get<UserCommands>().CreateAsync(form));

    public static Task<UserChange> SetActiveAsync(this UsersApp app, WorldUser admin, long userId, bool active) =>
        app.AsAsync(admin, s => s.Get<UserCommands>().SetActiveAsync(userId, active));

    public static Task<UserChange> ResetAsync(this UsersApp app, WorldUser admin, long userId, string? password = null) =>
        app.AsAsync(admin, s => s.Get<UserCommands>().ResetPasswordAsync(userId, password));

    public static Task<UserChange> UpdateAsync(this UsersApp app, WorldUser admin, long userId, string name, UserRole? role, long? jurisdictionId) =>
        app.AsAsync(admin, s => s.Get<UserCommands>().UpdateAsync(userId, new EditUserForm { DisplayName = name, Role = role, JurisdictionId = jurisdictionId }));

    public static Task<UserDetail?> FindAsync(this UsersApp app, WorldUser admin, long userId) =>
        app.AsAsync(admin, s => s.Get<UserQueries>().FindAsync(userId));

    /// <summary>The logins of the list's first page (up to 200 rows) for this filter.</summary>
    public static async Task<List<string>> LoginsAsync(this UsersApp app, WorldUser admin, UserFilter? filter = null) =>
        [.. (await app.AsAsync(admin, s => s.Get<UserQueries>().PageAsync(filter ?? new UserFilter(), FirstPage))).Items.Select(r => r.Login)];

    public static NewUserForm Form(
        string login, UserRole? role, long? jurisdictionId = null, string password = "", int? tenantId = null, string name = "测试用户") =>
        new() { Login = login, DisplayName = name, Role = role, JurisdictionId = jurisdictionId, TemporaryPassword = password, TenantId = tenantId };

    /// <summary>The messages a handler put beside one field ("" for the form as a whole).</summary>
    public static string[] On(this IReadOnlyList<FieldError> errors, string field) =>
        [.. errors.Where(e => e.Field == field).Select(e => e.Message)];
}
