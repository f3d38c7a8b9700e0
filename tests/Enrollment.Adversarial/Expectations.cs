using System.Net;
using Enrollment.Data.Entities;
using Enrollment.Web.Features.Accounts;

namespace Enrollment.Adversarial;

/// <summary>One request to try and what must come back.</summary>
public sealed record Probe(string Url, HttpStatusCode Expected, string Why);

/// <summary>
/// What each route must answer each actor, for each record it can name: the permission table decides whether the
/// actor may use the route at all, and the record's county and place whether they may see it. Anything refused is
/// a 404 (a signed-in user) or the sign-in page (nobody signed in) — never a 200, never a 403 that would say the
/// record exists. A route missing here fails the sweep: a new page must say what it allows.
/// </summary>
public static class Expectations
{
    /// <summary>Routes that show no record and nothing of anybody's: the landing page, sign-in, errors, health.</summary>
    public static readonly string[] Open = ["/", "/account/sign-in", "/not-found", "/status/{code:int}", "/healthz", "/diagnostics/throw", "/account/sign-out", "/account/keep-alive"];

    public static IEnumerable<Probe>? For(string route, Actor actor, Targets t) => route switch
    {
        "/account/change-password" => [Page(actor, "/account/change-password", actor.SignedIn, "own account")],
        "/transfers" => [Operation(actor, "/transfers", Web.Features.Accounts.Operation.RequestTransfers)],
        "/payments/confirm" => [Operation(actor, "/payments/confirm", Web.Features.Accounts.Operation.ConfirmPayments)],
        "/trial-quote" =>
        [
            Operation(actor, "/trial-quote", Web.Features.Accounts.Operation.QuoteTrial),
            .. t.Residents.Select(r => Page(actor, $"/trial-quote?resident={r.Value}", Reads(actor, r) && Can(actor, Web.Features.Accounts.Operation.QuoteTrial), r.Label)),
        ],
        "/residents/register" => [Operation(actor, "/residents/register", Web.Features.Accounts.Operation.RegisterResidents)],
        "/residents/{Id:long}" => t.Residents.Select(r => Page(actor, $"/residents/{r.Value}", Reads(actor, r), r.Label)),
        "/households/{Id:long}" => t.Households.Select(h => Page(actor, $"/households/{h.Value}", Reads(actor, h), h.Label)),
        "/search" => [Operation(actor, "/search", Web.Features.Accounts.Operation.ReadResidents), Operation(actor, "/search?q=%E7%8E%8B", Web.Features.Accounts.Operation.ReadResidents)],
        "/rosters" => [Operation(actor, "/rosters", Web.Features.Accounts.Operation.ReadResidents)],
        "/rosters/villages/{Id:long}" => t.Villages.Select(v => Page(actor, $"/rosters/villages/{v.Value}", Reads(actor, v), v.Label)),
        "/rosters/townships/{Id:long}" => t.Townships.Select(w => Page(actor, $"/rosters/townships/{w.Value}", Reads(actor, w), w.Label)),
        "/rosters/villages/{id:long}/residents.xlsx" => t.Villages.Select(v => Page(actor, $"/rosters/villages/{v.Value}/residents.xlsx", Reads(actor, v), v.Label)),
        "/rosters/townships/{id:long}/residents.xlsx" => t.Townships.Select(w => Page(actor, $"/rosters/townships/{w.Value}/residents.xlsx", Reads(actor, w), w.Label)),
        "/campaigns" => [Operation(actor, "/campaigns", Web.Features.Accounts.Operation.ManageCampaigns)],
        "/campaigns/new" => [Operation(actor, "/campaigns/new", Web.Features.Accounts.Operation.ManageCampaigns)],
        "/campaigns/{Code}" => Campaign(actor, t, c => $"/campaigns/{c}"),
        "/campaigns/{Code}/versions" => Campaign(actor, t, c => $"/campaigns/{c}/versions"),
        "/campaigns/{Code}/versions/{Version:int}" =>
            [.. Campaign(actor, t, c => $"/campaigns/{c}/versions/1"), Page(actor, "/campaigns/tengzhou-2025/versions/999", false, "a version that does not exist")],
        "/campaigns/{Code}/policy/edit" => Campaign(actor, t, c => $"/campaigns/{c}/policy/edit"),
        "/campaigns/{Code}/quotas" => Campaign(actor, t, c => $"/campaigns/{c}/quotas"),
        "/campaigns/{code}/quotas.xlsx" or "/campaigns/{Code}/quotas.xlsx" => Campaign(actor, t, c => $"/campaigns/{c}/quotas.xlsx"),
        "/campaigns/{Code}/quotas/{TownshipId:long}" => t.Townships.Select(w => Page(actor,
            $"/campaigns/tengzhou-2025/quotas/{w.Value}",
            Can(actor, Web.Features.Accounts.Operation.ManageCampaigns) && actor.TenantId == t.Campaigns[0].TenantId && w.TenantId == actor.TenantId, w.Label)),
        "/admin/users" => [Operation(actor, "/admin/users", Web.Features.Accounts.Operation.ManageUsers)],
        "/admin/users/new" => [Operation(actor, "/admin/users/new", Web.Features.Accounts.Operation.ManageUsers)],
        "/admin/users/{Id:long}" => t.Users.Select(u => Page(actor, $"/admin/users/{u.Value}", Manages(actor, u), u.Label)),
        "/admin/api-keys" => [Operation(actor, "/admin/api-keys", Web.Features.Accounts.Operation.ManageApiKeys)],
        "/payments/handover" => [Operation(actor, "/payments/handover", Web.Features.Accounts.Operation.RecordPayments)],
        // A sheet nobody has (its collector and village do not exist): 404 to whoever may print sheets, as to anybody else.
        "/payments/handover/{Collector:long}/{Village:long}/{Day}/{Number:int}/print" =>
            [Page(actor, "/payments/handover/999999999/999999999/2024-11-20/1/print", false, "a sheet that does not exist")],
        "/payments/handover/{collector:long}/{village:long}/{day}/{number:int}.xlsx" =>
            [Page(actor, "/payments/handover/999999999/999999999/2024-11-20/1.xlsx", false, "a sheet that does not exist")],
        "/payments/refunds" => [Operation(actor, "/payments/refunds", Web.Features.Accounts.Operation.ConfirmPayments)],
        "/payments/refunds.xlsx" => [Operation(actor, "/payments/refunds.xlsx", Web.Features.Accounts.Operation.ConfirmPayments)],
        "/payments/refunds/county" => [Operation(actor, "/payments/refunds/county", Web.Features.Accounts.Operation.ManageRefunds)],
        "/payments/refunds/county.xlsx" => [Operation(actor, "/payments/refunds/county.xlsx", Web.Features.Accounts.Operation.ManageRefunds)],
        "/payments/government" => [Operation(actor, "/payments/government", Web.Features.Accounts.Operation.RecordGovernmentPayments)],
        // The API takes a key, never the sign-in cookie: whoever is signed in, no key answers 401 problem+json.
        "/api/v1/payments" => [new Probe("/api/v1/payments", HttpStatusCode.NotFound, "POST only: a GET finds no page")],
        "/api/v1/payments/{id}" => [new Probe("/api/v1/payments/1", HttpStatusCode.Unauthorized, "API: a key, not a cookie")],
        "/api/v1/campaigns/{campaign}/dues/{idNumber}" =>
            [new Probe("/api/v1/campaigns/tengzhou-2025/dues/370481199001011234", HttpStatusCode.Unauthorized, "API: a key, not a cookie")],
        "/api/v1/campaigns/{campaign}/progress" => [new Probe("/api/v1/campaigns/tengzhou-2025/progress", HttpStatusCode.Unauthorized, "API: a key, not a cookie")],
        "/admin/tenants/new" => [Operation(actor, "/admin/tenants/new", Web.Features.Accounts.Operation.ManageTenants)],
        "/imports/residents" => [Operation(actor, "/imports/residents", Web.Features.Accounts.Operation.ImportResidents)],
        // A check is kept for the user who uploaded it: anybody else's (or an expired) id shows "expired" on the page, and the report is not found.
        "/imports/residents/{ImportId:guid}" => [Operation(actor, $"/imports/residents/{Guid.NewGuid()}", Web.Features.Accounts.Operation.ImportResidents)],
        "/imports/residents/{id:guid}/report.csv" => [Page(actor, $"/imports/residents/{Guid.NewGuid()}/report.csv", false, "somebody else's or no check")],
        "/imports/payments" => [Operation(actor, "/imports/payments", Web.Features.Accounts.Operation.ImportPayments)],
        "/imports/payments/{ImportId:guid}" => [Operation(actor, $"/imports/payments/{Guid.NewGuid()}", Web.Features.Accounts.Operation.ImportPayments)],
        "/imports/payments/{id:guid}/report.csv" => [Page(actor, $"/imports/payments/{Guid.NewGuid()}/report.csv", false, "somebody else's or no check")],
        _ => null,
    };

    private static IEnumerable<Probe> Campaign(Actor actor, Targets t, Func<string, string> url) =>
        t.Campaigns.Select(c => Page(actor, url(c.Value), Can(actor, Web.Features.Accounts.Operation.ManageCampaigns) && c.TenantId == actor.TenantId, c.Label));

    private static Probe Operation(Actor actor, string url, Operation operation) => Page(actor, url, Can(actor, operation), operation.ToString());

    private static Probe Page(Actor actor, string url, bool allowed, string why) =>
        new(url, allowed ? HttpStatusCode.OK : actor.SignedIn ? HttpStatusCode.NotFound : HttpStatusCode.Redirect, why);

    /// <summary>The role's operations; those on the county's configuration as a whole only for a user not bound to part of it.</summary>
    private static bool Can(Actor actor, Operation operation) => Permissions.Allows(actor.Role, actor.ScopePath is not null, operation);

    /// <summary>A resident (or a list of a place's people) is read by roles that read residents, in their county, inside their subtree.</summary>
    private static bool Reads(Actor actor, Target resident) =>
        Can(actor, Web.Features.Accounts.Operation.ReadResidents) && InScope(actor, resident);

    private static bool InScope(Actor actor, Target record) =>
        record.TenantId != 0 && record.TenantId == actor.TenantId
        && (actor.ScopePath is null || (record.Path?.StartsWith(actor.ScopePath, StringComparison.Ordinal) ?? false));

    /// <summary>
    /// The system administrator manages the counties' administrators; a county administrator the accounts of their
    /// county (inside their subtree when bound to one).
    /// </summary>
    private static bool Manages(Actor actor, Target user) => actor.Role switch
    {
        UserRole.SystemAdmin => user.Role == "bureau_admin",
        UserRole.BureauAdmin => user.TenantId == actor.TenantId && (actor.ScopePath is null || (user.Path?.StartsWith(actor.ScopePath, StringComparison.Ordinal) ?? false)),
        _ => false,
    };
}
