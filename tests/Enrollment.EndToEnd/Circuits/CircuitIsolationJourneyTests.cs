using Microsoft.Playwright;

namespace Enrollment.EndToEnd.Circuits;

/// <summary>
/// Users of different counties and townships working at the same moment, each in their own circuit on the same
/// server: every page shows each of them only their own data, however their requests interleave.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CircuitIsolationJourneyTests(BrowserFixture browser, DemoKestrelApp app) : IClassFixture<DemoKestrelApp>
{
    [Fact]
    public async Task Three_users_of_two_counties_and_two_townships_in_parallel_circuits_see_only_their_own()
    {
        var binhuVillages = await NamesAsync("滨湖镇");
        var baogouVillages = await NamesAsync("鲍沟镇");
        var pubeiTownship = await app.ScalarAsync<string>("""
            SELECT j.name FROM jurisdictions j JOIN tenants t ON t.id = j.tenant_id
            WHERE t.code = 'pubei' AND j.level = 'township' ORDER BY j.display_order LIMIT 1
            """);
        var users = new[] { "tz-baogou", "tz-binhu", "pb-admin" };
        var pages = new Dictionary<string, IPage>();
        var contexts = new List<IBrowserContext>();
        foreach (var login in users)
        {
            var context = await browser.NewContextAsync(app.BaseAddress);
            contexts.Add(context);
            pages[login] = await context.NewPageAsync();
        }
        try
        {
            await Task.WhenAll(users.Select(login => pages[login].SignInAsync(login)));

            for (var round = 0; round < 3; round++)
            {
                // All three load their homes and their transfer lists at the same time, each in its circuit.
                var texts = await Task.WhenAll(users.Select(async login =>
                {
                    var page = pages[login];
                    await page.OpenAsync("/");
                    await page.Locator(login == "pb-admin" ? "[data-testid=township-progress]" : "[data-testid=village-progress]").WaitForAsync();
                    var home = await page.Locator("main").InnerTextAsync();
                    await page.OpenAsync("/transfers");
                    await page.Locator("[data-testid=transfers-closed-list]").WaitForAsync();
                    return (login, home + await page.Locator("main").InnerTextAsync());
                }));

                foreach (var (login, text) in texts)
                {
                    switch (login)
                    {
                        case "tz-baogou":
                            text.ShouldContain(baogouVillages[0]);
                            binhuVillages.ShouldNotContain(v => text.Contains(v) && !baogouVillages.Contains(v), $"round {round}");
                            text.ShouldNotContain(pubeiTownship);
                            break;
                        case "tz-binhu":
                            text.ShouldContain(binhuVillages[0]);
                            baogouVillages.ShouldNotContain(v => text.Contains(v) && !binhuVillages.Contains(v), $"round {round}");
                            text.ShouldNotContain(pubeiTownship);
                            break;
                        default:
                            text.ShouldContain(pubeiTownship);
                            text.ShouldNotContain("鲍沟镇");
                            text.ShouldNotContain("滨湖镇");
                            break;
                    }
                }
            }
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    /// <summary>The villages of a 滕州 township whose names no other township uses (names can repeat across townships).</summary>
    private async Task<List<string>> NamesAsync(string township)
    {
        var names = await app.ScalarAsync<string>("""
            SELECT string_agg(v.name, '|' ORDER BY v.display_order, v.id) FROM jurisdictions v
            JOIN jurisdictions t ON t.tenant_id = v.tenant_id AND v.path LIKE t.path || '%'
            JOIN tenants tn ON tn.id = t.tenant_id
            WHERE tn.code = 'tengzhou' AND t.level = 'township' AND t.name = $1 AND v.level = 'village'
              AND NOT EXISTS (SELECT 1 FROM jurisdictions o WHERE o.tenant_id = v.tenant_id AND o.level = 'village' AND o.name = v.name AND o.id <> v.id)
            """, township);
        return [.. names.Split('|')];
    }
}
