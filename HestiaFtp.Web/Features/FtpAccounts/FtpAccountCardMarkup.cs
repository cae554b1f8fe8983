using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Web.Features.FtpAccounts;

/// <summary>
/// The parts of an account's card and table row that hold no control, as one markup text each (every value HTML-encoded).
/// A render-tree frame is 40 bytes, kept twice per component and once more in the circuit's batch buffer, which grows to
/// the largest batch and stays: a card in Razor markup was 108 frames, most of them static text and attributes; as markup
/// they are one frame each. Icons come from <see cref="IconSprite"/>, so their paths are not repeated per card.
/// </summary>
public static class FtpAccountCardMarkup
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    private static readonly string Avatar = IconSprite.Use("icon-person", "card-avatar");
    private static readonly string LockedAvatar = IconSprite.Use("icon-person", "card-avatar locked");

    /// <summary>The card's avatar and login (the copy button follows them).</summary>
    public static MarkupString Head(FtpAccountCardModel model) => new(
        (model.Status == FtpAccountCardStatus.LoginsLocked ? LockedAvatar : Avatar) + $"<span class=\"login-text\">{Html.Encode(model.Login)}</span>");

    /// <summary>The status chip of a card, e.g. "Active" with its icon.</summary>
    public static MarkupString Chip(IStringLocalizer<Strings> l, FtpAccountCardStatus status)
    {
        var (css, icon) = status switch
        {
            FtpAccountCardStatus.LoginsLocked => ("status-locked", "icon-lock"),
            FtpAccountCardStatus.DomainSuspended => ("status-domain-suspended", "icon-pause"),
            FtpAccountCardStatus.Unknown => ("status-unknown", "icon-unknown"),
            _ => ("status-active", "icon-active"),
        };
        return new($"<span class=\"status-chip {css}\">{IconSprite.Use(icon)}{Html.Encode(FtpAccountCardModels.StatusLabel(l, status))}</span>");
    }

    /// <summary>The card's body: what the status means, domain, site, IP, folder and the domain page's link.</summary>
    public static MarkupString Content(IStringLocalizer<Strings> l, FtpAccountCardModel model)
    {
        var explain = model.Status switch
        {
            FtpAccountCardStatus.LoginsLocked => l["Health.UserSuspended"],
            FtpAccountCardStatus.DomainSuspended => l["Health.DomainSuspended"],
            FtpAccountCardStatus.Unknown => l["Live.StatusUnknownShort"],
            _ => l["Health.Active"],
        };
        var html = new StringBuilder(1024)
            .Append("<div class=\"ftp-card-content\"><p class=\"status-explain\">").Append(Html.Encode(explain)).Append("</p>")
            .Append("<div class=\"meta-row\">").Append(IconSprite.Use("icon-domain"))
            .Append("<span class=\"sr-only\">").Append(Html.Encode(l["Card.Domain"])).Append(":</span><strong>").Append(Html.Encode(model.Domain)).Append("</strong></div>")
            .Append("<div class=\"meta-row\">").Append(IconSprite.Use("icon-site"))
            .Append("<a href=\"").Append(Html.Encode(model.SiteUrl)).Append("\" target=\"_blank\" rel=\"noopener noreferrer\" class=\"site-link\">")
            .Append(Html.Encode(model.SiteUrl)).Append("</a></div>")
            .Append("<div class=\"meta-row\">").Append(IconSprite.Use("icon-ip"))
            .Append("<span>").Append(Html.Encode(l["Card.Ip"])).Append(": <span class=\"mono\">").Append(Html.Encode(model.Ip)).Append("</span></span></div>")
            .Append("<div class=\"meta-row align-start\">").Append(IconSprite.Use("icon-folder"))
            .Append("<span class=\"folder-lines\"><span class=\"sr-only\">").Append(Html.Encode(l["Card.Folder"])).Append(":</span> ")
            .Append("<span class=\"mono folder-text\">").Append(Html.Encode(model.FolderText)).Append("</span> ")
            .Append("<span class=\"mono folder-absolute\">").Append(Html.Encode(model.AbsoluteFolder)).Append("</span></span></div>")
            .Append(EndRow(model.EndText, model.Countdown))
            .Append("<div class=\"meta-row\">").Append(IconSprite.Use("icon-advanced"))
            .Append("<a href=\"").Append(Html.Encode(model.AdvancedUrl)).Append("\" class=\"advanced-link\">").Append(Html.Encode(l["Card.Advanced"])).Append("</a></div>")
            .Append("</div>");
        return new(html.ToString());
    }

    /// <summary>
    /// The end of access and its countdown, when the account has an end (issue 12); the domain page's cards show the same
    /// row (they need <see cref="IconSprite.Definitions"/> on the page too).
    /// </summary>
    public static string EndRow(string? endText, string? countdown) => endText is null ? ""
        : $"<div class=\"meta-row end-row\">{IconSprite.Use("icon-end")}<span><span class=\"end-text\">{Html.Encode(endText)}</span> · <span class=\"countdown\">{Html.Encode(countdown ?? "")}</span></span></div>";

    /// <summary>Why Edit or Delete cannot be used now (each with the id the button's aria-describedby names), or the Edit hint.</summary>
    public static MarkupString Reasons(IStringLocalizer<Strings> l, FtpAccountCardModel model, Func<string, string> reasonId)
    {
        var html = new StringBuilder(256);
        if (model.EditDisabledReason is { } editReason)
        {
            html.Append("<p class=\"disabled-reason\" id=\"").Append(Html.Encode(reasonId("edit"))).Append("\">").Append(Html.Encode(editReason)).Append("</p>");
        }
        else
        {
            html.Append("<span class=\"sr-only\" id=\"").Append(Html.Encode(reasonId("edit-hint"))).Append("\">").Append(Html.Encode(l["Card.EditHint"])).Append("</span>");
        }
        if (model.DeleteDisabledReason is { } deleteReason && deleteReason != model.EditDisabledReason)
        {
            html.Append("<p class=\"disabled-reason\" id=\"").Append(Html.Encode(reasonId("delete"))).Append("\">").Append(Html.Encode(deleteReason)).Append("</p>");
        }
        return new(html.ToString());
    }

    /// <summary>A table row's cells between the checkbox and the actions: login, domain (linking the domain page), IP, folder, status, end.</summary>
    public static MarkupString RowCells(IStringLocalizer<Strings> l, FtpAccountCardModel model) => new(
        $"<th scope=\"row\" class=\"login-cell\"><span class=\"mono\">{Html.Encode(model.Login)}</span></th>" +
        $"<td class=\"domain-cell\"><a href=\"{Html.Encode(model.AdvancedUrl)}\" class=\"advanced-link\">{Html.Encode(model.Domain)}</a></td>" +
        $"<td class=\"ip-cell mono\">{Html.Encode(model.Ip)}</td>" +
        $"<td class=\"folder-cell mono\" title=\"{Html.Encode(model.AbsoluteFolder)}\">{Html.Encode(model.FolderText)}</td>" +
        $"<td class=\"status-cell\">{Html.Encode(FtpAccountCardModels.StatusLabel(l, model.Status))}</td>" +
        (model.EndText is null ? "<td class=\"end-cell\"></td>"
            : $"<td class=\"end-cell\"><span class=\"end-text\">{Html.Encode(model.EndText)}</span><br><span class=\"countdown\">{Html.Encode(model.Countdown ?? "")}</span></td>"));

    /// <summary>A button's icon and label; one shared instance per icon and text (a handful per language).</summary>
    public static MarkupString Label(string iconId, string text) =>
        Labels.GetOrAdd((iconId, text), k => new(IconSprite.Use(k.IconId) + Html.Encode(k.Text)));

    private static readonly ConcurrentDictionary<(string IconId, string Text), MarkupString> Labels = new();
}
