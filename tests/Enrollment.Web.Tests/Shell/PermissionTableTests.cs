using System.Reflection;
using Bunit;
using Enrollment.Data.Entities;
using Enrollment.Testing.Web;
using Enrollment.Web.Components.Layout;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Tests.Components;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Enrollment.Web.Tests.Shell;

/// <summary>
/// One table of who may do what: every page and endpoint declares what it needs, the policies are the table's, and the
/// navigation shows exactly what the table allows.
/// </summary>
public sealed class PermissionTableTests(DemoApp app) : IClassFixture<DemoApp>
{
    /// <summary>Pages any signed-in user may open whatever their role: their own account.</summary>
    private static readonly string[] SignedInOnly = ["/account/change-password"];

    private static readonly Assembly Web = typeof(Program).Assembly;

    [Fact]
    public void Every_routable_page_declares_a_permission_or_says_it_is_open()
    {
        var pages = Web.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttributes<RouteAttribute>().Any()).ToList();
        pages.Count.ShouldBeGreaterThan(10);

        var undeclared = pages.Where(page =>
        {
            var route = page.GetCustomAttributes<RouteAttribute>().First().Template;
            return page.GetCustomAttribute<PermissionAttribute>() is null
                && page.GetCustomAttribute<AllowAnonymousAttribute>() is null
                && !(SignedInOnly.Contains(route) && page.GetCustomAttribute<AuthorizeAttribute>() is { Policy: null, Roles: null });
        }).Select(p => p.FullName).ToList();

        undeclared.ShouldBeEmpty("pages without [Permission(...)] or [AllowAnonymous]");
    }

    [Fact]
    public void Every_endpoint_declares_a_permission_or_says_it_is_open()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // The framework's own: static files (_framework, _content, css, js) and the circuit's hub.
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .Where(e => !IsFramework(e))
            .ToList();
        endpoints.Count.ShouldBeGreaterThan(10);

        var undeclared = endpoints.Where(e =>
            e.Metadata.GetMetadata<IAllowAnonymous>() is null
            && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a is PermissionAttribute)
            && !(SignedInOnly.Contains(e.RoutePattern.RawText) && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any()))
            .Select(e => e.RoutePattern.RawText + " " + e.DisplayName).ToList();

        undeclared.ShouldBeEmpty("endpoints without a permission or AllowAnonymous");
    }

    /// <summary>
    /// The framework's own endpoints: the circuit's hub and its redirect helper, and the static-asset fallback the build
    /// manifest adds for files served from the project (it serves files, never a page or data).
    /// </summary>
    private static bool IsFramework(RouteEndpoint endpoint)
    {
        var route = endpoint.RoutePattern.RawText ?? "";
        return route.StartsWith("/_blazor", StringComparison.Ordinal) || route.StartsWith("_blazor", StringComparison.Ordinal)
            || route == "/_framework/opaque-redirect" || route == "{**path:file}";
    }

    [Fact]
    public async Task Each_operations_policy_requires_exactly_the_roles_the_table_gives_it()
    {
        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        foreach (var operation in Enum.GetValues<Operation>())
        {
            var policy = (await policies.GetPolicyAsync(Permissions.PolicyOf(operation))).ShouldNotBeNull(operation.ToString());
            var roles = policy.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>()
                .Single().AllowedRoles.Order().ToList();
            roles.ShouldBe(Permissions.RolesFor(operation).Select(r => r.ToString()).Order().ToList(), operation.ToString());
            roles.ShouldNotBeEmpty();
        }
    }

    [Fact]
    public void Every_operation_has_a_scope_and_the_system_administrator_reaches_no_resident()
    {
        foreach (var operation in Enum.GetValues<Operation>())
        {
            Enum.IsDefined(Permissions.ScopeOf(operation)).ShouldBeTrue();
        }
        foreach (var operation in new[] { Operation.ReadResidents, Operation.RegisterResidents, Operation.QuoteTrial, Operation.RequestTransfers })
        {
            Permissions.Allows(UserRole.SystemAdmin, operation).ShouldBeFalse(operation.ToString());
        }
        Permissions.Allows(UserRole.VillageStaff, Operation.DecideTransfers).ShouldBeFalse();
        Permissions.Allows(UserRole.Finance, Operation.ReadResidents).ShouldBeFalse();
        Permissions.Allows(null, Operation.QuoteTrial).ShouldBeFalse();
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("tz-admin")]
    [InlineData("tz-staff")]
    [InlineData("tz-finance")]
    [InlineData("tz-baogou")]
    [InlineData("tz-baogou-cun")]
    public async Task The_menu_shows_each_role_exactly_the_entries_the_table_allows(string login)
    {
        await using var session = await ComponentSession.StartAsync(app, login);
        var principal = await UserSession.PrincipalOfAsync(app.Services, login);
        var role = principal.RoleOf()!.Value;

        var menu = session.RenderInLayout<NavMenu>();

        var shown = menu.FindAll("a.mud-nav-link").Select(a => a.GetAttribute("href") ?? "").ToList();
        var expected = NavEntries.All.Where(e => e.Operation is not { } op || Permissions.Allows(role, op)).Select(e => e.Href).ToList();
        shown.ShouldBe(expected);
        menu.Find(".nav-who-where").TextContent.ShouldContain(RoleNames.Chinese(role));
    }

    [Fact]
    public void No_component_holds_a_DbContext_for_its_lifetime()
    {
        // A component lives as long as its circuit: it asks its feature's queries and commands, which open a context per operation.
        var holders = Web.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.GetCustomAttribute<InjectAttribute>() is not null
                    && (p.PropertyType == typeof(Data.EnrollmentDbContext) || p.PropertyType.Name.StartsWith("DbContextOptions", StringComparison.Ordinal)))
                .Select(p => $"{t.Name}.{p.Name}"))
            .ToList();

        holders.ShouldBeEmpty();
    }

    [Fact]
    public void Session_settings_are_a_minute_of_revalidation_and_thirty_idle_minutes()
    {
        var session = app.Services.GetRequiredService<IOptions<SessionOptions>>().Value;
        session.RevalidationInterval.ShouldBe(TimeSpan.FromMinutes(1));
        session.IdleTimeout.ShouldBe(TimeSpan.FromMinutes(30));
    }
}
