using Microsoft.Playwright;

namespace Enrollment.EndToEnd;

/// <summary>Saves full-page screenshots under TestResults/screenshots so a person can look at what users see.</summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
