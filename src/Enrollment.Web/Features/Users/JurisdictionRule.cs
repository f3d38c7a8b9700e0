using Enrollment.Data.Entities;
using Microsoft.AspNetCore.Components.Forms;

namespace Enrollment.Web.Features.Users;

/// <summary>
/// The account forms as the administrator edits them: a handler's message leaves its field once the field is changed,
/// and a jurisdiction that does not fit the role (a collector bound to a township) is said at once, beside the picker.
/// "No jurisdiction" is left to the submit, so picking the role first does not greet the user with an error.
/// </summary>
internal static class JurisdictionRule
{
    public static void Recheck(
        EditContext form, ValidationMessageStore store, FieldIdentifier changed, UserRole? role, long? jurisdictionId, UserAdminView? view)
    {
        store.Clear(changed);
        if (view is { IsSystemAdmin: false } && changed.FieldName is nameof(NewUserForm.Role) or nameof(NewUserForm.JurisdictionId))
        {
            var field = form.Field(nameof(NewUserForm.JurisdictionId));
            store.Clear(field);
            if (role is { } r && jurisdictionId is not null
                && UserAdministration.JurisdictionProblem(r, jurisdictionId, view.Choices, view.IsSubtreeAdmin) is { } problem)
            {
                store.Add(field, problem);
            }
        }
        form.NotifyValidationStateChanged();
    }
}
