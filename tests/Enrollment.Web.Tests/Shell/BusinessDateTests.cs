using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Enrollment.Testing.Web;

namespace Enrollment.Web.Tests.Shell;

/// <summary>A pinned business date lets a demo or a test stand inside a past collection window.</summary>
public sealed class BusinessDateTests(BusinessDateTests.PinnedApp app) : IClassFixture<BusinessDateTests.PinnedApp>
{
    public sealed class PinnedApp : EnrollmentAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } =
            new Dictionary<string, string?> { ["Enrollment:BusinessDate"] = "2024-11-20" };
    }

    [Fact]
    public async Task Pinned_date_is_the_apps_today()
    {
        var html = await app.CreateClient().GetStringAsync("/");
        var date = new HtmlParser().ParseDocument(html).QuerySelector("[data-testid=business-date]")!.TextContent;

        date.ShouldBe("2024-11-20");
        app.Services.GetRequiredService<TimeProvider>().GetLocalNow().Date.ShouldBe(new DateTime(2024, 11, 20));
    }
}
