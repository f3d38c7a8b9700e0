using System.Net.Http.Headers;
using System.Text.Json;

namespace Enrollment.LoadGen;

/// <summary>
/// The final answer to one request after its retries. <see cref="Lost"/> counts attempts whose fate is unknown (a
/// timeout, a broken connection, a 500): the app may have stored them, so a later 200 (a repeat) is the first
/// answer. <see cref="GaveUp"/>: no answer within the retry time.
/// </summary>
internal sealed record Outcome(int Status, string Body, string? Code, long? PaymentId, int Attempts, int Lost, bool GaveUp)
{
    public bool Success => Status is 200 or 201;
}

/// <summary>Sends a payment and retries the same bytes on 503, 429, timeouts, connection errors and 500 (a payment is idempotent).</summary>
internal sealed class Sender(HttpClient http, LoadOptions options, Tally tally)
{
    private readonly Uri _payments = new(options.BaseUrl, "/api/v1/payments");

    public async Task<Outcome> PostAsync(byte[] body, CancellationToken ct)
    {
        var first = tally.Elapsed;
        var lost = 0;
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
            {
                tally.Count("retry");
            }
            var start = tally.Elapsed;
            var wait = TimeSpan.FromMilliseconds(Math.Min(1000, 100 * attempt));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.RequestTimeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _payments) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.SendAsync(request, timeout.Token);
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                var status = (int)response.StatusCode;
                var (code, paymentId) = Read(text, status);
                tally.Answer(start.TotalSeconds, (tally.Elapsed - start).TotalMilliseconds, status, code);
                switch (status)
                {
                    case 503 or 429:
                        if (status == 503)
                        {
                            tally.Outage(response.Headers.RetryAfter is null ? "503 without Retry-After" : "503 with Retry-After");
                        }
                        wait = Min(response.Headers.RetryAfter?.Delta ?? wait, options.MaxRetryAfter);
                        break;
                    case >= 500:
                        tally.Outage($"{status} answer");
                        lost++;
                        break;
                    default:
                        return new Outcome(status, text, code, paymentId, attempt, lost, GaveUp: false);
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                tally.Outage("timeout");
                lost++;
            }
            catch (HttpRequestException e)
            {
                // Refused before anything was sent is harmless; broken after the request was sent is a lost attempt.
                tally.Outage(e.HttpRequestError == HttpRequestError.ConnectionError ? "connection refused" : "connection broken");
                lost += e.HttpRequestError == HttpRequestError.ConnectionError ? 0 : 1;
            }
            if (tally.Elapsed - first > options.RetryFor)
            {
                tally.Count("gave up");
                return new Outcome(0, "", null, null, attempt, lost, GaveUp: true);
            }
            await Task.Delay(wait, ct);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static (string? Code, long? PaymentId) Read(string text, int status)
    {
        if (text.Length == 0 || text[0] != '{')
        {
            return (status >= 400 ? "(no problem body)" : null, null);
        }
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        return status is 200 or 201
            ? (null, root.TryGetProperty("payment_id", out var id) ? id.GetInt64() : null)
            : (root.TryGetProperty("code", out var code) ? code.GetString() : "(no code)", null);
    }
}
