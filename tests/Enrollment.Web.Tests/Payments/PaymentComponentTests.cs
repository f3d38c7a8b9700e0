using Bunit;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Residents;
using Enrollment.Web.Tests.Components;
using Enrollment.Web.Tests.Households;

namespace Enrollment.Web.Tests.Payments;

/// <summary>The resident page's payment panel rendered with bUnit: the amount due today, and for a collector the entry button.</summary>
public sealed class PaymentComponentTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_panel_shows_the_amount_due_today_its_coverage_start_and_the_entry_button_to_a_collector()
    {
        var (_, members) = await app.NewHouseholdAsync("tz-baogou", await app.VillageOfAsync("鲍沟镇"), 1, adults: true);
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou-cun");

        var page = session.RenderInLayout<ResidentPage>(new Dictionary<string, object?> { [nameof(ResidentPage.Id)] = members[0] });

        page.WaitForAssertion(() => page.Find("[data-testid=amount-due]").TextContent.ShouldBe("400.00 元"), Wait);
        page.Find("[data-testid=coverage-start]").TextContent.ShouldBe("2025-01-01");
        page.Find("[data-testid=due-standing]").TextContent.ShouldBe("未缴费");
        page.Find("[data-testid=due-explanation]").TextContent.ShouldNotBeNullOrWhiteSpace();
        page.Find("[data-testid=record-payment]").TextContent.ShouldBe("收费登记");
        // A collector may not reverse: no 冲正 anywhere.
        page.FindAll("[data-testid=reverse]").ShouldBeEmpty();
    }
}
