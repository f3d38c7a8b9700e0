using Microsoft.Playwright;

namespace Enrollment.EndToEnd;

/// <summary>
/// Waits for a page to arrive at a path after a click. Playwright's WaitForURLAsync also waits for the "load"
/// state, and when the redirect lands before the call that wait has timed out on CI with the page long loaded
/// (a lost load event). Polling the URL and then waiting for the layout's footer, the last element every page
/// renders, depends on no load-state bookkeeping.
/// </summary>
public static class Arrival
{
    public static Task ArriveAtAsync(this IPage page, string pathAndQuery, int timeoutMs = 60_000) =>
        page.ArriveWhereAsync(pathAndQuery, url => url.PathAndQuery == pathAndQuery, timeoutMs);

    /// <summary>
    /// Arrival at an address <paramref name="where"/> accepts, e.g. a redirect the server decides (sign-in after the
    /// session ended) or a query the page adds. A navigation the browser aborts and repeats is simply waited out.
    /// </summary>
    public static async Task ArriveWhereAsync(this IPage page, string expected, Func<Uri, bool> where, int timeoutMs = 60_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!where(new Uri(page.Url)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"page stayed at {page.Url}, expected {expected}");
            }
            await Task.Delay(50);
        }
        await page.Locator("footer.app-footer").WaitForAsync();
    }
}
