using Microsoft.Playwright;

namespace Enrollment.EndToEnd;

/// <summary>
/// Interactive pages arrive prerendered: their buttons do nothing until the circuit connects. The layout marks the
/// document (html[data-interactive]) once it has; a test waits for that before it clicks or types, as a person would
/// wait for the page to finish loading.
/// </summary>
public static class Interactive
{
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("html[data-interactive='1']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Goes to <paramref name="path"/> and waits until its circuit is connected.</summary>
    public static async Task<IResponse?> OpenAsync(this IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
        return response;
    }
}
