using System.Net;
using AngleSharp.Html.Parser;
using Enrollment.Testing.Web;

namespace Enrollment.Web.Tests.Shell;

/// <summary>The page shell, error pages and health endpoint, through the real pipeline on a real database.</summary>
public sealed class ShellTests(EnrollmentAppFactory app) : IClassFixture<EnrollmentAppFactory>
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task Home_page_is_Chinese_and_not_entity_encoded()
    {
        var response = await app.CreateClient().GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = Parser.ParseDocument(html);
        document.DocumentElement.GetAttribute("lang").ShouldBe("zh-CN");
        document.QuerySelector("h1")!.TextContent.ShouldBe("城乡居民基本医疗保险参保征缴");
        html.ShouldContain("城乡居民基本医疗保险参保征缴", customMessage: "CJK must pass the HTML encoder unescaped");
        html.ShouldNotContain("&#x");
        // The interactive runtime and MudBlazor, and nothing of the static stack they replaced.
        document.QuerySelector("script[src^='_framework/blazor.web']").ShouldNotBeNull();
        document.QuerySelector("script[src^='_content/MudBlazor/MudBlazor.min']").ShouldNotBeNull();
        html.ShouldNotContain("htmx");
        html.ShouldNotContain("bootstrap");
    }

    [Fact]
    public async Task The_interactive_runtime_MudBlazor_ECharts_and_site_styles_are_served()
    {
        var client = app.CreateClient();
        var page = Parser.ParseDocument(await client.GetStringAsync("/"));
        var assets = page.QuerySelectorAll("script[src], link[rel=stylesheet]")
            .Select(e => "/" + (e.GetAttribute("src") ?? e.GetAttribute("href"))).ToList();
        assets.Count.ShouldBeGreaterThanOrEqualTo(4);
        foreach (var path in assets.Append("/lib/echarts/echarts.min.js").Append("/js/activity.js"))
        {
            (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }
        // Bootstrap and htmx are gone from the build.
        (await client.GetAsync("/lib/bootstrap/bootstrap.min.css")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/lib/htmx/htmx.min.js")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_url_answers_404_with_a_Chinese_page()
    {
        var response = await app.CreateClient().GetAsync("/no-such-page/999999");
        var document = Parser.ParseDocument(await response.Content.ReadAsStringAsync());

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        document.QuerySelector("h1")!.TextContent.ShouldBe("页面不存在");
        document.QuerySelector("a[href='/']").ShouldNotBeNull();
    }

    [Fact]
    public async Task Form_post_with_a_forged_token_answers_400_explaining_it_and_offering_the_way_back()
    {
        var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = "forged" }),
        };
        request.Headers.Referrer = new Uri(client.BaseAddress!, "/");
        var response = await client.SendAsync(request);
        var document = Parser.ParseDocument(await response.Content.ReadAsStringAsync());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        document.QuerySelector("h1")!.TextContent.ShouldBe("表单已过期");
        document.QuerySelector(".error-page")!.TextContent.ShouldContain("本次提交没有保存");
        document.QuerySelectorAll(".error-actions a").Select(a => a.TextContent).ShouldBe(["返回上一页", "返回首页"]);
    }

    [Fact]
    public async Task Server_error_shows_a_correlation_id_that_is_also_in_the_log_and_no_stack_trace()
    {
        var response = await app.CreateClient().GetAsync("/diagnostics/throw");
        var html = await response.Content.ReadAsStringAsync();
        var document = Parser.ParseDocument(html);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        document.QuerySelector("h1")!.TextContent.ShouldBe("系统出错了");
        var correlationId = document.QuerySelector("[data-testid=correlation-id]")!.TextContent;
        correlationId.ShouldNotBeNullOrWhiteSpace();
        html.ShouldNotContain("InvalidOperationException");
        html.ShouldNotContain("Deliberate failure");
        html.ShouldNotContain(" at ");
        app.LogLines.ShouldContain(line => line.Contains(correlationId, StringComparison.Ordinal) && line.Contains("InvalidOperationException", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/sign-in")]
    [InlineData("/no-such-page/1")]
    [InlineData("/diagnostics/throw")]
    [InlineData("/css/site.css")]
    [InlineData("/healthz")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("script-src 'self';");
        csp.ShouldNotContain("unsafe-eval");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("same-origin");
    }

    [Fact]
    public async Task Healthz_reports_the_database()
    {
        var response = await app.CreateClient().GetAsync("/healthz");
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.ShouldContain("\"status\":\"Healthy\"");
        body.ShouldContain("\"database\":{\"status\":\"Healthy\"");
    }
}
