using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Tenancy;
using Enrollment.Testing;
using Enrollment.Testing.Web;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Enrollment.Web.Tests.Security;

/// <summary>
/// The bad-input corpus over HTTP: the two static forms (sign-in, change password) field by field, and every address
/// that takes a value — route values, query strings, the plain endpoints — as a browser or a script would send them,
/// percent-encoded (a lone surrogate as the invalid UTF-8 it becomes, plus raw invalid UTF-8 and an overlong NUL).
/// Nothing answers 500; the forms answer in Chinese, a NUL with a word about the characters, never 表单已过期.
/// (Kestrel refuses a %00 in a path before the app; the test server throws instead, and such cases are skipped.)
/// </summary>
public sealed class BadInputHttpTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The corpus's texts percent-encoded, and two byte sequences no text encodes to.</summary>
    public static IReadOnlyList<(string Label, string Encoded, bool Garbage)> Values { get; } =
    [
        .. BadInputCorpus.Strings.Select(v => (v.Label, Encode((string)v.Value!), v.Garbage)),
        ("invalid UTF-8 bytes", "%FF%FE%FD", true),
        ("overlong NUL", "%C0%80", true),
    ];

    /// <summary>UTF-8 percent-encoding; a lone surrogate as its three bytes (ED A0 80), which no decoder accepts.</summary>
    public static string Encode(string text)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            int code = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                ? char.ConvertToUtf32(text[i], text[++i])
                : text[i];
            foreach (var b in Utf8(code))
            {
                builder.Append(b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'.' or (byte)'_'
                    ? ((char)b).ToString() : $"%{b:X2}");
            }
        }
        return builder.ToString();
    }

    private static byte[] Utf8(int code) => code switch
    {
        < 0x80 => [(byte)code],
        < 0x800 => [(byte)(0xC0 | code >> 6), (byte)(0x80 | code & 0x3F)],
        < 0x10000 => [(byte)(0xE0 | code >> 12), (byte)(0x80 | code >> 6 & 0x3F), (byte)(0x80 | code & 0x3F)],
        _ => [(byte)(0xF0 | code >> 18), (byte)(0x80 | code >> 12 & 0x3F), (byte)(0x80 | code >> 6 & 0x3F), (byte)(0x80 | code & 0x3F)],
    };

    /// <summary>A form body as a browser posts it: percent-encoded UTF-8 and no charset parameter.</summary>
    private static StringContent FormBody(IEnumerable<(string Name, string Encoded)> fields)
    {
        var content = new StringContent(string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={f.Encoded}")), Encoding.ASCII);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }

    private static string TokenOf(string html) => AccountsWorld.AntiforgeryToken(html);

    /// <summary>What a form page says: the field messages, the page's error notices.</summary>
    private static string Messages(string html)
    {
        var page = Parser.ParseDocument(html);
        return string.Join(" | ", page.QuerySelectorAll(".field-error, .validation-message, [role=alert], .error-page")
            .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
    }

    /// <summary>
    /// A form's answer: never 5xx or 表单已过期; its messages (beside the fields, or the status page's) in Chinese; for
    /// text nobody types, a word about the characters. A 400 is the framework refusing a form it cannot read (%00).
    /// </summary>
    private static void ShouldAnswerInChinese(string where, HttpResponseMessage response, string html, bool garbage, List<string> failures)
    {
        var status = (int)response.StatusCode;
        var messages = Messages(html);
        if (status >= 500 || status is not (200 or 400))
        {
            failures.Add($"{where}: {status}");
        }
        else if (html.Contains("表单已过期", StringComparison.Ordinal))
        {
            failures.Add($"{where}: answered 表单已过期");
        }
        else if (!BadInputCorpus.IsChinese(messages))
        {
            failures.Add($"{where}: {status} without a Chinese message ({messages})");
        }
        else if (garbage && !(messages.Contains("字符", StringComparison.Ordinal) || messages.Contains("乱码", StringComparison.Ordinal)))
        {
            failures.Add($"{where}: does not say the characters are the problem ({messages})");
        }
    }

    [Fact]
    public async Task Sign_in_answers_every_bad_login_and_password_in_Chinese_and_never_500()
    {
        var failures = new List<string>();
        foreach (var field in new[] { "Login", "Password" })
        {
            foreach (var (label, encoded, garbage) in Values)
            {
                var client = app.NewClient();
                var token = TokenOf(await client.GetStringAsync("/account/sign-in"));
                var response = await client.PostAsync("/account/sign-in", FormBody(
                [
                    ("__RequestVerificationToken", Encode(token)), ("_handler", "sign-in"),
                    ("Input.Login", field == "Login" ? encoded : "bad-input-nobody"),
                    ("Input.Password", field == "Password" ? encoded : "wrongpass2024"),
                ]));
                var html = await response.Content.ReadAsStringAsync();
                // A password that is merely wrong gets the same words as an unknown login (never which one): only
                // characters no password may hold are named.
                ShouldAnswerInChinese($"sign-in {field} = {label}", response, html, garbage && NamesCharacters(field, label), failures);
            }
        }
        failures.ShouldBeEmpty(string.Join('\n', failures));
        // Text nobody types is not written into the audit log as a login either.
        (await app.ScalarAsync<long>("SELECT count(*) FROM system_audit_log WHERE actor ~ '[[:cntrl:]]|\u202E|\u200B|\uFFFD|%FF'")).ShouldBe(0);
    }

    /// <summary>
    /// Whether a field's refusal of this garbage must name the characters: not for a text that is only too long, and in
    /// a password not for percent escapes — typed ones, and the bytes no UTF-8 decoder accepts (a lone surrogate's,
    /// invalid or overlong ones), which ASP.NET Core's form reader keeps as the literal text %ED%A0%80: printable, so
    /// merely a wrong password. (A login refuses them: no login holds a %.)
    /// </summary>
    private static bool NamesCharacters(string field, string label) =>
        label != BadInputCorpus.LongText
        && !(field.EndsWith("Password", StringComparison.Ordinal)
            && label is "undecoded percent escapes" or "invalid UTF-8 bytes" or "lone surrogate" or "overlong NUL");

    [Fact]
    public async Task A_NUL_in_a_form_field_is_explained_as_such_not_as_an_expired_form()
    {
        var client = app.NewClient();
        var token = TokenOf(await client.GetStringAsync("/account/sign-in"));

        var response = await client.PostAsync("/account/sign-in", FormBody(
            [("__RequestVerificationToken", Encode(token)), ("_handler", "sign-in"), ("Input.Login", "tz%00staff"), ("Input.Password", "x")]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        page.QuerySelector("h1")!.TextContent.ShouldBe("提交的内容含有无效字符");
        page.QuerySelector(".error-page p")!.TextContent.ShouldStartWith("提交的内容含有无法提交的字符（如空字符");
    }

    [Fact]
    public async Task Changing_the_password_answers_every_bad_field_in_Chinese_and_never_500()
    {
        const string Login = "bad-input-pw";
        const string Password = "startpass2024";
        await using (var dataSource = NpgsqlDataSource.Create(TestPostgres.ConnectionStringFor(app.DatabaseName)))
        {
            var tenantId = await app.ScalarAsync<int>("SELECT id FROM tenants WHERE code = 'tengzhou'");
            await using var db = new EnrollmentDbContext(DataServiceCollectionExtensions.CreateOptions(dataSource), TenantContext.For(tenantId, "test"));
            var user = new UserAccount { Login = Login, DisplayName = "测试账号", Role = UserRole.BureauStaff, TenantId = tenantId };
            user.PasswordHash = new PasswordHasher<UserAccount>().HashPassword(user, Password);
            db.UserAccounts.Add(user);
            await db.SaveChangesAsync();
        }
        var failures = new List<string>();
        var client = app.NewClient();
        (await DemoApp.SignInAsync(client, Login, Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        foreach (var field in new[] { "CurrentPassword", "NewPassword", "ConfirmPassword" })
        {
            foreach (var (label, encoded, garbage) in Values)
            {
                var token = TokenOf(await client.GetStringAsync("/account/change-password"));
                var response = await client.PostAsync("/account/change-password", FormBody(
                [
                    ("__RequestVerificationToken", Encode(token)), ("_handler", "change-password"),
                    ("Input.CurrentPassword", field == "CurrentPassword" ? encoded : Password),
                    ("Input.NewPassword", field == "NewPassword" ? encoded : "nextpass2024"),
                    ("Input.ConfirmPassword", field is "ConfirmPassword" or "NewPassword" ? encoded : "nextpass2024"),
                ]));
                var html = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    failures.Add($"change-password {field} = {label}: accepted ({response.Headers.Location})");
                    break;
                }
                ShouldAnswerInChinese($"change-password {field} = {label}", response, html,
                    garbage && NamesCharacters(field, label) && field != "ConfirmPassword", failures);
                // Wrong current passwords count toward the lockout: start each case from none.
                await app.ScalarAsync<int>("UPDATE user_accounts SET access_failed_count = 0, lockout_end = NULL WHERE login = $1 RETURNING 0", Login);
            }
        }
        failures.ShouldBeEmpty(string.Join('\n', failures));
    }

    /// <summary>Addresses that take a value, {0} where the corpus goes, with who asks.</summary>
    public static TheoryData<string, string?> Addresses => new()
    {
        { "/account/sign-in?returnUrl={0}&reason={0}", null },
        { "/account/keep-alive?x={0}", "tz-staff" },
        { "/status/{0}", null },
        { "/healthz?probe={0}", null },
        { "/campaigns/{0}", "tz-admin" },
        { "/campaigns/{0}/quotas", "tz-admin" },
        { "/campaigns/{0}/quotas.xlsx", "tz-admin" },
        { "/campaigns/tengzhou-2025/quotas/{0}", "tz-admin" },
        { "/campaigns/{0}/versions?from={0}&to={0}", "tz-admin" },
        { "/campaigns/tengzhou-2025/versions?from={0}&to={0}", "tz-admin" },
        { "/campaigns/{0}/versions/1", "tz-admin" },
        { "/campaigns/{0}/policy/edit", "tz-admin" },
        { "/campaigns/new?template={0}", "tz-admin" },
        { "/campaigns/tengzhou-2025?saved={0}", "tz-admin" },
        { "/trial-quote?campaign={0}&resident={0}", "tz-baogou" },
        { "/residents/{0}", "tz-baogou" },
        { "/admin/users?q={0}&role={0}&status={0}&jurisdiction={0}&tenant={0}", "tz-admin" },
        { "/admin/users/{0}", "tz-admin" },
        { "/transfers?x={0}", "tz-baogou" },
        { "/search?q={0}", "tz-baogou" },
        { "/rosters/villages/{0}", "tz-baogou" },
        { "/rosters/townships/{0}", "tz-baogou" },
        { "/rosters/villages/{0}/residents.xlsx", "tz-baogou" },
        { "/rosters/townships/{0}/residents.xlsx", "tz-baogou" },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task An_address_carrying_bad_input_never_answers_500(string address, string? login)
    {
        var client = app.NewClient();
        if (login is not null)
        {
            await DemoApp.SignInAsync(client, login);
        }
        var failures = new List<string>();
        foreach (var (label, encoded, _) in Values)
        {
            var url = address.Replace("{0}", encoded, StringComparison.Ordinal);
            HttpResponseMessage response;
            try
            {
                response = await client.GetAsync(new Uri(url, UriKind.Relative));
            }
            catch (InvalidOperationException e) when (e.Message.Contains("null characters", StringComparison.Ordinal))
            {
                // A %00 in the path: the test server refuses to decode it, as Kestrel answers 400 before the app.
                continue;
            }
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"GET {address} with {label}: {(int)response.StatusCode}");
            }
        }
        failures.ShouldBeEmpty(string.Join('\n', failures));
    }

    [Fact]
    public async Task Signing_out_with_a_bad_reason_field_still_signs_out()
    {
        var failures = new List<string>();
        foreach (var (label, encoded, _) in Values)
        {
            var client = app.NewClient();
            await DemoApp.SignInAsync(client, "tz-staff");
            var token = TokenOf(await client.GetStringAsync("/"));
            var response = await client.PostAsync("/account/sign-out", FormBody([("__RequestVerificationToken", Encode(token)), ("reason", encoded)]));
            var html = await response.Content.ReadAsStringAsync();
            // A form the framework cannot read (a %00) is refused as such; anything else signs out.
            var unreadable = response.StatusCode == HttpStatusCode.BadRequest && Messages(html).Contains("无效字符", StringComparison.Ordinal);
            if (!unreadable && (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.AbsolutePath() != "/account/sign-in"))
            {
                failures.Add($"sign-out reason = {label}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        failures.ShouldBeEmpty(string.Join('\n', failures));
    }
}
