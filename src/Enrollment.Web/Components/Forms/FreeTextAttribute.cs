using System.ComponentModel.DataAnnotations;

namespace Enrollment.Web.Components.Forms;

/// <summary>
/// A form property holding free text, read by <see cref="TextInput"/>: its length and the characters nobody types are
/// checked where the form's other annotations are — as the user types (DataAnnotationsValidator) and again by the
/// handler (<c>Validator.TryValidateObject</c>), with the same Chinese message.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FreeTextAttribute(string label, int maxLength) : ValidationAttribute
{
    public string Label => label;

    public int MaxLength => maxLength;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        return TextInput.Read(value as string, label, maxLength).Problem is { } problem
            ? new ValidationResult(problem, validationContext.MemberName is { } member ? [member] : [])
            : ValidationResult.Success;
    }
}
