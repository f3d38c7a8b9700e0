using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Enrollment.Domain.Residents;
using Enrollment.Testing.Web;

namespace Enrollment.Web.Tests.Registration;

/// <summary>A signed-in demo user driving the registration form and the transfer pages over HTTP.</summary>
internal sealed class RegistrationClient(DemoApp app, HttpClient client)
{
    private static readonly HtmlParser Parser = new();
    private string? token;

    public HttpClient Http => client;

    public static async Task<RegistrationClient> SignInAsync(DemoApp app, string login)
    {
        var client = app.NewClient();
        (await DemoApp.SignInAsync(client, login)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return new RegistrationClient(app, client);
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>The form's antiforgery token (valid for this user on every form and htmx post).</summary>
    public async Task<string> TokenAsync()
    {
        if (token is null)
        {
            var page = Parse(await client.GetStringAsync("/residents/register"));
            token = page.QuerySelector("[data-testid=register-form] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        }
        return token;
    }

    /// <summary>The htmx check as the clerk types: the fragment's HTML.</summary>
    public async Task<string> CheckIdAsync(string citizenId)
    {
        var response = await client.PostAsync("/residents/register/check-id", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenAsync(),
            ["Input.CitizenId"] = citizenId,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<HttpResponseMessage> RegisterAsync(string citizenId, string name, long villageId, string address = "测试地址1号", string phone = "13912345678")
    {
        return await client.PostAsync("/residents/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenAsync(),
            ["_handler"] = "register-resident",
            ["Input.CitizenId"] = citizenId,
            ["Input.Name"] = name,
            ["Input.VillageId"] = villageId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.HouseholdId"] = "0",
            ["Input.Address"] = address,
            ["Input.Phone"] = phone,
            ["Input.HukouType"] = "local",
        }));
    }

    public async Task<string> RequestTransferAsync(string citizenId, long villageId, string reason = "已迁入本村")
    {
        var response = await client.PostAsync("/transfers/request", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenAsync(),
            ["Input.CitizenId"] = citizenId,
            ["Input.VillageId"] = villageId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TransferReason"] = reason,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<HttpResponseMessage> DecideAsync(long requestId, string decision, string note = "")
    {
        var page = Parse(await client.GetStringAsync("/transfers"));
        var pageToken = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? await TokenAsync();
        return await client.PostAsync($"/transfers/{requestId}/{decision}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = pageToken,
            ["note"] = note,
        }));
    }

    /// <summary>A valid 滕州 (370481) number registered nowhere yet.</summary>
    public async Task<string> FreshIdAsync(int seed)
    {
        var random = new Random(seed);
        while (true)
        {
            var birth = new DateOnly(1950, 1, 1).AddDays(random.Next(0, 365 * 60));
            var first17 = $"370481{birth:yyyyMMdd}{random.Next(0, 1000):D3}";
            var id = first17 + CitizenId.ComputeCheckCharacter(first17);
            if (await app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE citizen_id = $1", id) == 0)
            {
                return id;
            }
        }
    }

    /// <summary>The first village of a 滕州 township in official order.</summary>
    public static Task<long> VillageOfAsync(DemoApp app, string township, bool last = false) =>
        app.ScalarAsync<long>($"""
            SELECT v.id FROM jurisdictions v
            JOIN jurisdictions t ON t.tenant_id = v.tenant_id AND v.path LIKE t.path || '%'
            JOIN tenants tn ON tn.id = t.tenant_id
            WHERE tn.code = 'tengzhou' AND t.level = 'township' AND t.name = $1 AND v.level = 'village'
            ORDER BY v.display_order {(last ? "DESC" : "ASC")}, v.id {(last ? "DESC" : "ASC")} LIMIT 1
            """, township);

    /// <summary>The n-th resident (by id) of a 滕州 township, so tests in one class never share one.</summary>
    public static Task<long> NthResidentOfAsync(DemoApp app, string township, int n) =>
        app.ScalarAsync<long>("""
            SELECT r.id FROM residents r
            JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id
            JOIN jurisdictions t ON t.tenant_id = v.tenant_id AND v.path LIKE t.path || '%'
            JOIN tenants tn ON tn.id = t.tenant_id
            WHERE tn.code = 'tengzhou' AND t.level = 'township' AND t.name = $1
            ORDER BY r.id OFFSET $2 LIMIT 1
            """, township, n);
}
