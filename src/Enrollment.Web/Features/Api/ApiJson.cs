using System.Globalization;
using System.Text.Json;
using Enrollment.Data.Payments;

namespace Enrollment.Web.Features.Api;

/// <summary>Reading the payment body and writing answers and problems (application/problem+json) of /api/v1.</summary>
internal static class ApiJson
{
    private static readonly string[] Required = ["campaign", "id_number", "name", "amount", "paid_on", "channel", "reference"];

    /// <summary>The body, or the field-keyed errors of a 400 (unknown fields are ignored).</summary>
    public static async Task<(PaymentBody? Body, ApiProblem? Problem)> ReadPaymentAsync(HttpRequest request, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, ct);
        }
        catch (JsonException)
        {
            return (null, ApiProblem.Invalid(new Dictionary<string, string[]> { ["body"] = ["请求体不是有效的 JSON。"] }));
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, ApiProblem.Invalid(new Dictionary<string, string[]> { ["body"] = ["请求体必须是一个 JSON 对象。"] }));
            }
            var root = document.RootElement;
            var errors = new Dictionary<string, string[]>();
            var text = new Dictionary<string, string>();
            foreach (var field in Required)
            {
                if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    errors[field] = ["缺少此字段。"];
                }
                else if (field == "amount" ? value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number) : value.ValueKind != JsonValueKind.String)
                {
                    errors[field] = [field == "amount" ? "金额应为数字或数字字符串。" : "应为字符串。"];
                }
                else
                {
                    text[field] = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString()!;
                }
            }
            var amount = 0m;
            if (text.TryGetValue("amount", out var amountText) && ParseMoney(amountText) is { } error)
            {
                errors["amount"] = [error];
            }
            else if (amountText is not null)
            {
                amount = decimal.Parse(amountText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            }
            var paidOn = default(DateOnly);
            if (text.TryGetValue("paid_on", out var dateText) && !TryDate(dateText, out paidOn))
            {
                errors["paid_on"] = ["日期格式应为 YYYY-MM-DD。"];
            }
            foreach (var field in new[] { "campaign", "id_number", "name", "channel", "reference" })
            {
                if (text.TryGetValue(field, out var value) && (value.Trim().Length == 0 || value.Length > 100))
                {
                    errors[field] = ["不能为空，且不超过 100 个字符。"];
                }
            }
            if (errors.Count > 0)
            {
                return (null, ApiProblem.Invalid(errors));
            }
            return (new PaymentBody(text["campaign"].Trim(), text["id_number"].Trim(), text["name"], amount, paidOn,
                text["channel"].Trim(), text["reference"].Trim()), null);
        }
    }

    /// <summary>Null when the text is an amount > 0 with at most two decimals; else why not.</summary>
    private static string? ParseMoney(string text)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return "金额应为数字，如 \"400.00\"。";
        }
        if (value <= 0)
        {
            return "金额必须大于 0。";
        }
        return decimal.Round(value, 2) != value ? "金额最多两位小数。" : null;
    }

    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static IResult Problem(ApiProblem problem, HttpContext context)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = $"https://enrollment.invalid/problems/{problem.Code.Replace('_', '-')}",
            ["title"] = problem.Title,
            ["status"] = problem.Status,
            ["code"] = problem.Code,
            ["detail"] = problem.Detail,
        };
        if (problem.Errors is { } errors)
        {
            body["errors"] = errors;
        }
        if (problem.AmountDue is { } due)
        {
            body["amount_due"] = Money(due);
        }
        if (problem.Status is 429 or 503)
        {
            context.Response.Headers.RetryAfter = problem.Status == 429 ? "1" : "10";
        }
        return Results.Json(body, statusCode: problem.Status, contentType: "application/problem+json");
    }

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Dictionary<string, object?> Answer(PaymentAnswer a) => new()
    {
        ["payment_id"] = a.PaymentId,
        ["status"] = a.Status,
        ["payable"] = Money(a.Payable),
        ["coverage_start"] = Day(a.CoverageStart),
        ["late"] = a.Late,
    };
}
