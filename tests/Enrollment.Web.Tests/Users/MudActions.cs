using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Enrollment.Web.Tests.Users;

/// <summary>What a person does with MudBlazor fields, in bUnit: type, pick from a select, read the message under a field.</summary>
internal static class MudActions
{
    public static Task TypeAsync(this IRenderedComponent<IComponent> page, string inputId, string text) =>
        page.InvokeAsync(() => page.Find($"#{inputId}").Input(text));

    /// <summary>Opens the select whose input has this id and clicks the option with exactly this text.</summary>
    public static async Task PickAsync(this IRenderedComponent<IComponent> page, string inputId, string option)
    {
        await page.InvokeAsync(() => page.Find($"div.mud-input-control.mud-select:has(#{inputId})").MouseDown());
        page.WaitForAssertion(() => page.FindAll(".mud-popover-open [role=option]").Select(o => o.TextContent.Trim()).ShouldContain(option));
        await page.InvokeAsync(() => page.FindAll(".mud-popover-open [role=option]").First(o => o.TextContent.Trim() == option).Click());
    }

    /// <summary>The options of the select whose input has this id, in the order the list shows them (the list is left open).</summary>
    public static async Task<List<string>> OptionsAsync(this IRenderedComponent<IComponent> page, string inputId)
    {
        await page.InvokeAsync(() => page.Find($"div.mud-input-control.mud-select:has(#{inputId})").MouseDown());
        page.WaitForAssertion(() => page.FindAll(".mud-popover-open [role=option]").ShouldNotBeEmpty());
        return [.. page.FindAll(".mud-popover-open [role=option]").Select(o => o.TextContent.Trim())];
    }

    /// <summary>The validation message shown under the field whose input has this id ("" when there is none).</summary>
    public static string MessageBeside(this IRenderedComponent<IComponent> page, string inputId) =>
        string.Join(" ", page.FindAll($"div.mud-input-control:has(#{inputId}) .mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()));

    public static Task SubmitAsync(this IRenderedComponent<IComponent> page, string formTestId) =>
        page.InvokeAsync(() => page.Find($"form[data-testid={formTestId}]").Submit());

    /// <summary>The button (MudButton renders a button element) whose text is exactly this.</summary>
    public static IElement Button(this IRenderedComponent<IComponent> page, string text) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == text);
}
