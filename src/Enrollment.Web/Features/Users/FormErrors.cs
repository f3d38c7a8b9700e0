using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components.Forms;

namespace Enrollment.Web.Features.Users;

/// <summary>A validation message for one form field (property name), or for the form as a whole ("").</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The forms' own rules, checked again by the handlers; and handler errors shown next to their fields.</summary>
internal static class FormErrors
{
    /// <summary>
    /// The form's data-annotation messages. The page checks them as the user types, but a handler may be called with
    /// anything: it refuses a form that breaks them before reading or writing a row.
    /// </summary>
    public static List<FieldError> Check(object form)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true);
        return [.. results.SelectMany(r => r.MemberNames.DefaultIfEmpty("").Select(m => new FieldError(m, r.ErrorMessage ?? "")))];
    }

    /// <summary>Shows field errors in the form's message store; returns the form-wide ones (shown above the form).</summary>
    public static List<string> Show(EditContext form, ValidationMessageStore store, IEnumerable<FieldError> errors)
    {
        store.Clear();
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

    /// <summary>A handler's message (a code already taken) leaves its field once the user changes that field.</summary>
    public static void ClearWhenEdited(EditContext form, ValidationMessageStore store) =>
        form.OnFieldChanged += (_, e) =>
        {
            store.Clear(e.FieldIdentifier);
            form.NotifyValidationStateChanged();
        };
}
