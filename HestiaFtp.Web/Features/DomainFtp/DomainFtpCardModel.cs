namespace HestiaFtp.Web.Features.DomainFtp;

/// <summary>
/// Everything one card on a domain's page shows, as plain values: equal data gives equal models, so an unchanged card
/// is not rendered again (<see cref="DomainFtpCardModels"/> even hands it the same instance).
/// </summary>
public sealed record DomainFtpCardModel
{
    public required string Login { get; init; }

    public required string Domain { get; init; }

    /// <summary>Relative to the domain folder; "" is the domain root.</summary>
    public required string Folder { get; init; }

    /// <summary>/home/USER/web/DOMAIN plus <see cref="Folder"/>.</summary>
    public required string AbsoluteFolder { get; init; }

    /// <summary>Support staff: no Edit or Delete.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Why changing the password or folder is not possible right now, or null.</summary>
    public string? EditDisabledReason { get; init; }

    public string? DeleteDisabledReason { get; init; }

    /// <summary>Briefly set after a live change of this account.</summary>
    public bool Highlight { get; init; }

    /// <summary>"Ends 04.12.2026 17:00" in the reader's zone, or null when the account has no end (as on the accounts page).</summary>
    public string? EndText { get; init; }

    /// <summary>"in 5 h 12 min", or after the end "ended, removal pending — the login still works"; to the minute.</summary>
    public string? Countdown { get; init; }

    /// <summary>Ends within 24 hours, or ended with the removal pending: highlighted.</summary>
    public bool EndingSoon { get; init; }

    public bool IsDomainRoot => Folder.Length == 0;

    /// <summary>The folder as the cards show it first: relative to the domain folder, "/" for its root.</summary>
    public string FolderText => Folder.Length == 0 ? "/" : Folder;
}
