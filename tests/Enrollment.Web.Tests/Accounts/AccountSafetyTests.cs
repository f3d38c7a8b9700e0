using System.Net;
using AngleSharp.Html.Parser;
using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Tenancy;
using Enrollment.Testing;
using Enrollment.Testing.Web;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Enrollment.Web.Tests.Accounts;

/// <summary>Lockout after five failures, the forced first-sign-in password change, and their audit trail.</summary>
public sealed class AccountSafetyTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_and_are_audited()
    {
        var login = await CreateUserAsync("lock-test", "correct2024pw", mustChange: false);
        var client = app.NewClient();
        for (var i = 1; i <= 4; i++)
        {
            var failed = Parser.ParseDocument(await (await DemoApp.SignInAsync(client, login, "wrong-password-1")).Content.ReadAsStringAsync());
            failed.QuerySelector("[data-testid=sign-in-error]")!.TextContent.ShouldBe("登录名或密码不正确。连续 5 次错误，账号将锁定 15 分钟。");
        }

        var fifth = await DemoApp.SignInAsync(client, login, "wrong-password-1");
        Parser.ParseDocument(await fifth.Content.ReadAsStringAsync()).QuerySelector("[data-testid=sign-in-error]")!.TextContent.ShouldContain("账号已锁定 15 分钟");

        // Even the right password is refused while locked.
        var right = await DemoApp.SignInAsync(client, login, "correct2024pw");
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        Parser.ParseDocument(await right.Content.ReadAsStringAsync()).QuerySelector("[data-testid=sign-in-error]")!.TextContent.ShouldContain("账号已锁定");

        var lockoutEnd = await app.ScalarAsync<DateTime>("SELECT lockout_end FROM user_accounts WHERE login = $1", login);
        (lockoutEnd - DateTime.UtcNow).TotalMinutes.ShouldBeInRange(14, 15.1);
        (await app.ScalarAsync<long>("SELECT count(*) FROM system_audit_log WHERE actor = $1 AND action = 'sign_in_failed'", login)).ShouldBe(4);
        (await app.ScalarAsync<long>("SELECT count(*) FROM system_audit_log WHERE actor = $1 AND action = 'locked_out'", login)).ShouldBe(2);
    }

    [Fact]
    public async Task Unknown_logins_fail_like_wrong_passwords_and_are_audited()
    {
        var response = await DemoApp.SignInAsync(app.NewClient(), "nobody-here", "whatever2024x");

        // Word for word what a wrong password of a real login says: the page does not tell which logins exist.
        Parser.ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("[data-testid=sign-in-error]")!.TextContent
            .ShouldBe("登录名或密码不正确。连续 5 次错误，账号将锁定 15 分钟。");
        (await app.ScalarAsync<long>("SELECT count(*) FROM system_audit_log WHERE actor = 'nobody-here' AND action = 'sign_in_failed'")).ShouldBe(1);
    }

    [Fact]
    public async Task First_sign_in_forces_a_password_change_before_anything_else()
    {
        var login = await CreateUserAsync("first-time", "temporary2024", mustChange: true);
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, login, "temporary2024");

        var home = await client.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.AbsolutePath().ShouldBe("/account/change-password");

        var form = Parser.ParseDocument(await client.GetStringAsync("/account/change-password"));
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var tooShort = await client.PostAsync("/account/change-password", Form(token, "temporary2024", "short1", "short1"));
        var tooShortHtml = await tooShort.Content.ReadAsStringAsync();
        tooShortHtml.ShouldContain("新密码长度须为 10 到 128 位。", customMessage: tooShortHtml);

        var changed = await client.PostAsync("/account/change-password", Form(token, "temporary2024", "mynewpass2024", "mynewpass2024"));
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.ScalarAsync<bool>("SELECT must_change_password FROM user_accounts WHERE login = $1", login)).ShouldBeFalse();

        var again = app.NewClient();
        (await DemoApp.SignInAsync(again, login, "mynewpass2024")).Headers.Location!.AbsolutePath().ShouldBe("/");
    }

    [Fact]
    public async Task The_temporary_password_cannot_become_the_new_one()
    {
        var login = await CreateUserAsync("keep-temp", "temporary2024", mustChange: true);
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, login, "temporary2024");
        var token = Token(await client.GetStringAsync("/account/change-password"));

        var same = await client.PostAsync("/account/change-password", Form(token, "temporary2024", "temporary2024", "temporary2024"));

        same.StatusCode.ShouldBe(HttpStatusCode.OK);
        Errors(await same.Content.ReadAsStringAsync()).ShouldContain("新密码不能与当前密码相同。");
        (await app.ScalarAsync<bool>("SELECT must_change_password FROM user_accounts WHERE login = $1", login)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("password12", "该密码过于常见")]
    [InlineData("qwerty1234", "该密码过于常见")]
    [InlineData("QWERTY1234", "该密码过于常见")]
    [InlineData("demo2024pass", "该密码过于常见")]
    [InlineData("my-common-pw2024x", "密码不能包含登录名")]
    public async Task Common_passwords_and_the_login_inside_one_are_refused(string next, string message)
    {
        // One account per case (the cases share the class's database); "my-" stands for the account's own login.
        var login = await CreateUserAsync($"common-pw-{Math.Abs(next.GetHashCode(StringComparison.Ordinal)) % 100000}", "startpass2024", mustChange: false);
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, login, "startpass2024");
        var token = Token(await client.GetStringAsync("/account/change-password"));
        var password = next.Replace("my-", login, StringComparison.Ordinal);

        var refused = await client.PostAsync("/account/change-password", Form(token, "startpass2024", password, password));

        Errors(await refused.Content.ReadAsStringAsync()).ShouldContain(e => e.StartsWith(message, StringComparison.Ordinal));
        (await DemoApp.SignInAsync(app.NewClient(), login, "startpass2024")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Wrong_current_passwords_on_the_change_page_count_toward_the_lockout()
    {
        var login = await CreateUserAsync("change-guess", "rightpass2024", mustChange: false);
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, login, "rightpass2024");

        HttpResponseMessage last = null!;
        for (var i = 0; i < 5; i++)
        {
            var token = Token(await client.GetStringAsync("/account/change-password"));
            last = await client.PostAsync("/account/change-password", Form(token, $"guess-{i}-2024x", "brandnew2024x", "brandnew2024x"));
        }

        // The fifth wrong guess locks the account and ends the session.
        last.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        last.Headers.Location!.PathAndQuery.ShouldBe("/account/sign-in?reason=locked");
        (await app.ScalarAsync<DateTime?>("SELECT lockout_end FROM user_accounts WHERE login = $1", login)).ShouldNotBeNull();
        (await app.ScalarAsync<long>("SELECT count(*) FROM system_audit_log WHERE actor = $1 AND action = 'locked_out'", login)).ShouldBeGreaterThan(0);
        (await client.GetAsync("/trial-quote")).Headers.Location!.AbsolutePath().ShouldBe("/account/sign-in");
    }

    private static string Token(string html) =>
        Parser.ParseDocument(html).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static List<string> Errors(string html) =>
        [.. Parser.ParseDocument(html).QuerySelectorAll("[data-testid=change-password-errors] li").Select(li => li.TextContent)];

    [Fact]
    public async Task Password_hashes_never_reach_the_audit_log()
    {
        var login = await CreateUserAsync("audit-secret", "secretpass2024", mustChange: false);
        var hash = await app.ScalarAsync<string>("SELECT password_hash FROM user_accounts WHERE login = $1", login);

        (await app.ScalarAsync<long>("SELECT count(*) FROM system_audit_log WHERE after::text LIKE '%' || $1 || '%'", hash[..20])).ShouldBe(0);
        (await app.ScalarAsync<long>("SELECT count(*) FROM system_audit_log WHERE entity = 'user_accounts' AND after->>'login' = $1", login)).ShouldBe(1);
    }

    [Fact]
    public async Task A_cookie_saved_before_sign_out_is_refused_on_its_next_request()
    {
        var login = await CreateUserAsync("replay-test", "replayme2024", mustChange: false);
        var client = app.NewClient();
        var signedIn = await DemoApp.SignInAsync(client, login, "replayme2024");
        var cookie = AuthCookie(signedIn);
        (await GetWithCookieAsync(cookie, "/trial-quote")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var token = AccountsWorld.AntiforgeryToken(await client.GetStringAsync("/"));
        var signedOut = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        signedOut.Headers.Location!.AbsolutePath().ShouldBe("/account/sign-in");

        // The saved copy of the cookie is still inside its 30 minutes, but the session is over.
        var replayed = await GetWithCookieAsync(cookie, "/trial-quote");
        replayed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        replayed.Headers.Location!.AbsolutePath().ShouldBe("/account/sign-in");
        // …and the sign-in page says so (a page reloaded after its session ended explains itself too).
        replayed.Headers.Location!.ToString().ShouldContain("reason=ended");
        (await GetWithCookieAsync("unrelated=1", "/trial-quote")).Headers.Location!.ToString().ShouldNotContain("reason=");
        (await app.ScalarAsync<long>("SELECT count(*) FROM system_audit_log WHERE actor = $1 AND action = 'sign_out'", login)).ShouldBe(1);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_at_once_and_keeps_this_one()
    {
        var login = await CreateUserAsync("two-sessions", "firstpass2024", mustChange: false);
        var office = app.NewClient();
        var phone = AuthCookie(await DemoApp.SignInAsync(app.NewClient(), login, "firstpass2024"));
        await DemoApp.SignInAsync(office, login, "firstpass2024");

        var form = Parser.ParseDocument(await office.GetStringAsync("/account/change-password"));
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        (await office.PostAsync("/account/change-password", Form(token, "firstpass2024", "secondpass2024", "secondpass2024")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await office.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetWithCookieAsync(phone, "/trial-quote")).Headers.Location!.AbsolutePath().ShouldBe("/account/sign-in");
    }

    /// <summary>The authentication cookie a sign-in response set, as "name=value".</summary>
    private static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("enrollment.auth=", StringComparison.Ordinal));

    /// <summary>A request from a fresh client that carries only <paramref name="cookie"/>, as a replayed copy would.</summary>
    private async Task<HttpResponseMessage> GetWithCookieAsync(string cookie, string path)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static FormUrlEncodedContent Form(string token, string current, string next, string confirm) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token,
        ["_handler"] = "change-password",
        ["Input.CurrentPassword"] = current,
        ["Input.NewPassword"] = next,
        ["Input.ConfirmPassword"] = confirm,
    });

    /// <summary>A 滕州 county staff account with a known password, created through the audited DbContext.</summary>
    private async Task<string> CreateUserAsync(string login, string password, bool mustChange)
    {
        await using var dataSource = NpgsqlDataSource.Create(TestPostgres.ConnectionStringFor(app.DatabaseName));
        var tenantId = await app.ScalarAsync<int>("SELECT id FROM tenants WHERE code = 'tengzhou'");
        await using var db = new EnrollmentDbContext(DataServiceCollectionExtensions.CreateOptions(dataSource), TenantContext.For(tenantId, "test"));
        var user = new UserAccount { Login = login, DisplayName = login, Role = UserRole.BureauStaff, TenantId = tenantId, MustChangePassword = mustChange };
        user.PasswordHash = new PasswordHasher<UserAccount>().HashPassword(user, password);
        db.UserAccounts.Add(user);
        await db.SaveChangesAsync();
        return login;
    }
}
