namespace HestiaFtp.Web.Features.FtpAccounts;

/// <summary>What an FTP account card says about its logins; the user lock wins over the domain suspension.</summary>
public enum FtpAccountCardStatus
{
    Active,

    /// <summary>The web domain is suspended: logins still work, changes are refused (deleting still works).</summary>
    DomainSuspended,

    /// <summary>The HestiaCP user is suspended: HestiaCP locked every FTP login of the account.</summary>
    LoginsLocked,

    /// <summary>HestiaCP does not answer: the state cannot be read now (the card shows the last one read).</summary>
    Unknown,
}

/// <summary>
/// Everything one card on the accounts page shows, as plain values: equal data gives equal models, so an unchanged card
/// is not rendered again (<see cref="FtpAccountCardModels"/> even hands it the same instance).
/// </summary>
public sealed record FtpAccountCardModel
{
    public required string Login { get; init; }

    public required string Domain { get; init; }

    public required string SiteUrl { get; init; }

    public required string Ip { get; init; }

    /// <summary>Relative to the domain folder; "" is the domain root.</summary>
    public required string Folder { get; init; }

    public required string AbsoluteFolder { get; init; }

    /// <summary>The domain's own FTP page.</summary>
    public required string AdvancedUrl { get; init; }

    public required FtpAccountCardStatus Status { get; init; }

    /// <summary>Support staff: no Edit or Delete.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Why Edit is not possible right now (suspension, server unreachable), or null.</summary>
    public string? EditDisabledReason { get; init; }

    public string? DeleteDisabledReason { get; init; }

    /// <summary>Briefly set after a live change of this account.</summary>
    public bool Highlight { get; init; }

    /// <summary>"Ends 04.12.2026 17:00" in the reader's zone, or null when the account has no end.</summary>
    public string? EndText { get; init; }

    /// <summary>"in 5 h 12 min", or after the end "ended, removal pending — the login still works"; to the minute.</summary>
    public string? Countdown { get; init; }

    /// <summary>Ends within 24 hours, or ended with the removal pending: highlighted.</summary>
    public bool EndingSoon { get; init; }

    /// <summary>Ticked for a bulk action.</summary>
    public bool Selected { get; init; }

    public string FolderText => Folder.Length == 0 ? "/" : Folder;
}
