using Bunit;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Residents;
using Enrollment.Web.Tests.Components;

namespace Enrollment.Web.Tests.Residents;

/// <summary>The resident page rendered with bUnit on the demo data: masked until the audited reveal.</summary>
public sealed class ResidentComponentTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_number_is_masked_and_the_birth_date_hidden_until_the_reveal_which_is_logged()
    {
        var residentId = await app.NthResidentOfAsync("鲍沟镇", 6);
        var number = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        var birth = $"{number.Substring(6, 4)}-{number.Substring(10, 2)}-{number.Substring(12, 2)}";
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou");

        var page = session.RenderInLayout<ResidentPage>(new Dictionary<string, object?> { [nameof(ResidentPage.Id)] = residentId });

        page.WaitForAssertion(() => page.Find("[data-testid=citizen-id]").TextContent.ShouldBe(number[..6] + "********" + number[14..]), Wait);
        page.Find("[data-testid=birth-date]").TextContent.ShouldBe("显示完整号码后可见");
        page.Markup.ShouldNotContain(number);
        page.Markup.ShouldNotContain(birth);
        page.Markup.ShouldNotContain(number.Substring(6, 8));
        page.Find("[data-testid=resident-name]").TextContent.ShouldBe(await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", residentId));
        page.Find("[data-testid=resident-enrollments]").ShouldNotBeNull();

        await page.InvokeAsync(() => page.Find("[data-testid=reveal-id]").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=citizen-id]").TextContent.ShouldBe(number), Wait);
        page.Find("[data-testid=birth-date]").TextContent.ShouldBe(birth);
        page.FindAll("[data-testid=reveal-id]").ShouldBeEmpty();
        (await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'view' AND actor = 'tz-baogou' AND entity = 'residents' AND (entity_key->>'id')::bigint = $1",
            residentId)).ShouldBe(1);
    }
}
