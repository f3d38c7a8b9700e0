using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>Posting Razor forms in tests: the page's antiforgery token, the form name, the fields.</summary>
internal static class Forms
{
    public static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"GET {url}: {(int)response.StatusCode}");
        return Parser.ParseDocument(html);
    }

    public static string TokenOf(IHtmlDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    /// <summary>GETs <paramref name="url"/> for a token, then posts the form <paramref name="handler"/> there.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = TokenOf(await GetAsync(client, url));
        var all = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("_handler", handler) };
        all.AddRange(fields);
        return await client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    public static async Task<IHtmlDocument> PostPageAsync(HttpClient client, string url, string handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var response = await PostAsync(client, url, handler, fields);
        var html = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"POST {url}: {(int)response.StatusCode} {html}");
        return Parser.ParseDocument(html);
    }

    /// <summary>A valid 18-character citizen ID for a birth date (滕州 region code, odd sequence = male).</summary>
    public static string CitizenId(DateOnly birth, int sequence = 123)
    {
        var body = $"370481{birth:yyyyMMdd}{sequence:D3}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }

    /// <summary>What a browser would post from the form: every named input, select and textarea with its current value.</summary>
    public static Dictionary<string, string> FieldsOf(IHtmlDocument page, string formSelector)
    {
        var form = page.QuerySelector(formSelector)!;
        var fields = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = input.GetAttribute("name")!;
            switch (input)
            {
                case IHtmlInputElement { Type: "checkbox" } box when !box.IsChecked:
                case IHtmlInputElement { Type: "submit" }:
                    break;
                case IHtmlInputElement i:
                    fields[name] = i.Value;
                    break;
                case IHtmlTextAreaElement t:
                    fields[name] = t.Value;
                    break;
                case IHtmlSelectElement s:
                    fields[name] = s.Value ?? "";
                    break;
                default:
                    break;
            }
        }
        return fields;
    }

    /// <summary>The fields of a Razor form, posted to the handler <paramref name="handler"/>.</summary>
    public static FormUrlEncodedContent Post(string handler, Dictionary<string, string> fields)
    {
        fields["_handler"] = handler;
        return new FormUrlEncodedContent(fields);
    }

    /// <summary>A save redirects; when it does not, say what the page showed instead.</summary>
    public static async Task ShouldRedirectAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
            var shown = page.QuerySelectorAll(".alert, [data-problem]").Select(e => e.TextContent.Trim());
            response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect, string.Join(" | ", shown));
        }
    }

    public static KeyValuePair<string, string> F(string name, string value) => new(name, value);
}
