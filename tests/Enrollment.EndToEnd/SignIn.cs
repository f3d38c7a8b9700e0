using Microsoft.Playwright;

namespace Enrollment.EndToEnd;

public static class SignIn
{
    /// <summary>Signs in through the form, as a person would, and waits for the home page.</summary>
    public static async Task SignInAsync(this IPage page, string login, string password = DemoKestrelApp.Password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("登录名").FillAsync(login);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.Locator("[data-testid=home-title]").WaitForAsync();
        await page.WaitForInteractiveAsync();
    }
}
