using Enrollment.Data.Resilience;
using Enrollment.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Enrollment.Web.Components.Layout;

/// <summary>
/// Catches what a page's handlers throw in the circuit, so one failed action does not end the circuit (and the page)
/// for the clerk. Says in Chinese what happened — the database was unreachable (try again), the action is not the
/// user's to take, or an error with an id that is also in the log — and offers 重试, which renders the page again.
/// </summary>
public sealed class PageErrorBoundary : ErrorBoundary
{
    private string errorId = "";

    [Inject] private ILogger<PageErrorBoundary> Logger { get; set; } = default!;

    protected override Task OnErrorAsync(Exception exception)
    {
        errorId = Guid.NewGuid().ToString("N")[..12];
        if (RetrySettings.IsUnavailable(exception))
        {
            Logger.LogWarning(exception, "Database unavailable in a circuit; error id {ErrorId}", errorId);
        }
        else
        {
            Logger.LogError(exception, "Unhandled exception in a circuit; error id {ErrorId}", errorId);
        }
        return Task.CompletedTask;
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (CurrentException is null)
        {
            builder.AddContent(0, ChildContent);
            return;
        }
        var (title, text) = CurrentException switch
        {
            var e when RetrySettings.IsUnavailable(e) => ("系统暂时无法使用", "数据库暂时无法连接（可能正在维护或重启），本次操作没有完成。请稍等片刻后点“重试”。"),
            OperationRefusedException => ("无权执行此操作", "您的账号没有执行此操作的权限，本次操作没有完成。"),
            _ => ("系统出错了", $"本次操作可能没有完成。请点“重试”；如果问题持续出现，请把错误编号 {errorId} 告诉管理员。"),
        };
        builder.OpenComponent<MudAlert>(1);
        builder.AddComponentParameter(2, nameof(MudAlert.Severity), Severity.Error);
        builder.AddComponentParameter(3, nameof(MudAlert.Class), "my-4");
        builder.AddAttribute(4, "data-testid", "page-error");
        builder.AddComponentParameter(5, nameof(MudAlert.ChildContent), (RenderFragment)(b =>
        {
            b.OpenElement(0, "strong");
            b.AddContent(1, title);
            b.CloseElement();
            b.OpenElement(2, "div");
            b.AddContent(3, text);
            b.CloseElement();
        }));
        builder.CloseComponent();
        builder.OpenComponent<MudButton>(6);
        builder.AddComponentParameter(7, nameof(MudButton.Variant), Variant.Filled);
        builder.AddComponentParameter(8, nameof(MudButton.Color), Color.Primary);
        builder.AddComponentParameter(9, nameof(MudButton.OnClick), EventCallback.Factory.Create<Microsoft.AspNetCore.Components.Web.MouseEventArgs>(this, Recover));
        builder.AddComponentParameter(10, nameof(MudButton.ChildContent), (RenderFragment)(b => b.AddContent(0, "重试")));
        builder.CloseComponent();
    }
}
