using Microsoft.AspNetCore.Components.Forms;

namespace Enrollment.Web.Features.Users;

/// <summary>Shows a handler's <see cref="FieldError"/>s next to their fields; returns the form-wide ones.</summary>
internal static class FormErrors
{
    public static List<string> Show(EditContext form, ValidationMessageStore store, IEnumerable<FieldError> errors)
    {
        var general = new List<string>();
        foreach (var error in errors)
        {
            if (error.Field.Length == 0)
            {
                general.Add(error.Message);
            }
            else
            {
                store.Add(form.Field(error.Field), error.Message);
            }
        }
        form.NotifyValidationStateChanged();
        return general;
    }
}
