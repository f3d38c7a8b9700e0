namespace Enrollment.Web.Features.Transfers;

/// <summary>Tells the components of one circuit (the navigation badge, the home counts) that a transfer changed.</summary>
public sealed class TransferNotifier
{
    public event Action? Changed;

    public void Notify() => Changed?.Invoke();
}
