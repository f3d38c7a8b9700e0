using MudBlazor;

namespace Enrollment.Web.Components.Dialogs;

/// <summary>Shows <see cref="ConfirmDialog"/>: null when cancelled, else the note typed (empty when none was asked).</summary>
public static class Confirmations
{
    public static async Task<string?> ConfirmAsync(
        this IDialogService dialogs, string title, string message, string confirmText, Color color = Color.Primary,
        string? noteLabel = null, bool noteRequired = false)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Message, message },
            { d => d.ConfirmText, confirmText },
            { d => d.ConfirmColor, color },
            { d => d.NoteLabel, noteLabel },
            { d => d.NoteRequired, noteRequired },
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string note } ? note : null;
    }
}
