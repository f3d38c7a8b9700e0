using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Enrollment.Testing.Web;

namespace Enrollment.Web.Tests.Users;

/// <summary>Posting the user-management forms the way a browser does: the page's antiforgery token, the form's handler name.</summary>
internal static class AdminForms
{
    private static readonly HtmlParser Parser = new();

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>
    /// POSTs <paramref name="fields"/> to <paramref name="url"/> as form <paramref name="handler"/>, with a token read
    /// from <paramref name="tokenFrom"/> (default: the page itself; another page of the user for URLs that answer 404).
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, string url, string handler, IReadOnlyDictionary<string, string> fields, string? tokenFrom = null)
    {
        var token = AccountsWorld.AntiforgeryToken(await client.GetStringAsync(tokenFrom ?? url));
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token, ["_handler"] = handler };
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    public static Task<HttpResponseMessage> CreateUserAsync(
        HttpClient client, string login, string role, long? jurisdictionId = null, string password = "", int? tenantId = null, string name = "测试用户") =>
        PostAsync(client, "/admin/users/new", "new-user", new Dictionary<string, string>
        {
            ["Input.Login"] = login,
            ["Input.DisplayName"] = name,
            ["Input.Role"] = role,
            ["Input.JurisdictionId"] = jurisdictionId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["Input.TenantId"] = tenantId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["Input.TemporaryPassword"] = password,
        });

    public static Task<HttpResponseMessage> SetActiveAsync(HttpClient client, long userId, bool active, string? tokenFrom = null) =>
        PostAsync(client, $"/admin/users/{userId}", "activation",
            new Dictionary<string, string> { ["Activation.Active"] = active ? "true" : "false" }, tokenFrom);

    public static Task<HttpResponseMessage> ResetPasswordAsync(HttpClient client, long userId, string password = "", string? tokenFrom = null) =>
        PostAsync(client, $"/admin/users/{userId}", "reset-password",
            new Dictionary<string, string> { ["Reset.TemporaryPassword"] = password }, tokenFrom);

    public static Task<HttpResponseMessage> EditAsync(HttpClient client, long userId, string name, string role, long? jurisdictionId, string? tokenFrom = null) =>
        PostAsync(client, $"/admin/users/{userId}", "edit-user", new Dictionary<string, string>
        {
            ["Edit.DisplayName"] = name,
            ["Edit.Role"] = role,
            ["Edit.JurisdictionId"] = jurisdictionId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        }, tokenFrom);

    /// <summary>The validation message rendered right after the input with this id.</summary>
    public static string MessageFor(IHtmlDocument page, string inputId) =>
        string.Join(" ", page.GetElementById(inputId)!.ParentElement!.QuerySelectorAll("div.text-danger").Select(m => m.TextContent)) is { Length: > 0 } m ? m
        : throw new InvalidOperationException(page.DocumentElement.OuterHtml);
}
