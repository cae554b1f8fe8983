using HestiaFtp.Web.Expiry;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Validation;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace HestiaFtp.Web.Features.DomainFtp;

/// <summary>
/// Advanced add: a chosen login suffix (USER_ shown live, 30-character total counted), a typed or generated password and
/// an optional existing folder. Closes with <see cref="NewFtpCredentials"/>; stays open with the input on any refusal.
/// </summary>
public sealed partial class CreateFtpAccountDialog : IDisposable
{
    private static readonly CreateFtpAccountRequestValidator Validator = new();

    [Inject] private IFtpDashboard Dashboard { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;
    [Inject] private IFtpExpiries Expiries { get; set; } = default!;
    [Inject] private ReaderTimeZone ReaderTimeZone { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private EndChoice _end = EndChoice.Never;
    private string? _endError;

    [CascadingParameter] private IMudDialogInstance MudDialog { get; set; } = default!;

    [Parameter, EditorRequired] public AccountKey AccountKey { get; set; } = default!;
    [Parameter, EditorRequired] public string Domain { get; set; } = "";

    private MudForm _form = default!;
    private FluentValidationAdapter<CreateFtpAccountRequest> _rules = default!;
    private Func<string?, IEnumerable<string>> _suffixRule = default!;
    private Func<string?, IEnumerable<string>> _passwordRule = default!;
    private Func<string?, IEnumerable<string>> _folderRule = default!;
    private string? _suffix;
    private string? _password;
    private string? _folder;
    private string? _loginError;
    private string? _passwordError;
    private string? _folderError;
    private DashboardError? _error;
    private bool _rolledBack;
    private bool _pickerOpen;
    private bool _busy;

    private CreateFtpAccountRequest Request => new(AccountKey.User, Domain, _suffix ?? "", _password ?? "", _folder);

    private string Prefix => AccountKey.User + "_";

    private string PreviewLogin => string.IsNullOrEmpty(Request.Suffix) ? Prefix + "…" : Request.FullLogin;

    private int FullLength => Request.FullLogin.Length;

    private bool TooLong => FullLength > FtpNames.MaxFullLength;

    private string DomainFolder => $"/home/{AccountKey.User}/web/{Domain}";

    private string AbsoluteFolder => DomainFolder + FtpFolders.Normalize(_folder);

    private string PickerStart => FtpFolders.IsValid(_folder) ? FtpFolders.Normalize(_folder) : "";

    protected override void OnInitialized()
    {
        _rules = new(Validator, L);
        _suffixRule = _rules.Property<string?>(nameof(CreateFtpAccountRequest.LoginSuffix), v => Request with { LoginSuffix = v ?? "" });
        _passwordRule = _rules.Property<string?>(nameof(CreateFtpAccountRequest.Password), v => Request with { Password = v ?? "" });
        _folderRule = _rules.Property<string?>(nameof(CreateFtpAccountRequest.Folder), v => Request with { Folder = v });
    }

    private void SuffixChanged(string? value)
    {
        _suffix = value;
        _loginError = null;
    }

    private void PasswordChanged(string? value)
    {
        _password = value;
        _passwordError = null;
    }

    private void FolderChanged(string? value)
    {
        _folder = value;
        _folderError = null;
        _rolledBack = false;
    }

    private async Task GenerateAsync() => PasswordChanged(await Dashboard.GeneratePasswordAsync());

    private void TogglePicker() => _pickerOpen = !_pickerOpen;

    private Task<IReadOnlyList<string>> ListFoldersAsync(string folder, CancellationToken cancellationToken) =>
        Dashboard.ListFoldersAsync(AccountKey, Domain, folder, cancellationToken);

    private void FolderChosen(string folder)
    {
        FolderChanged(folder);
        _pickerOpen = false;
    }

    private async Task SubmitAsync()
    {
        _loginError = _passwordError = _folderError = null;
        _error = null;
        _rolledBack = false;
        await _form.ValidateAsync();
        var request = Request;
        var failures = _rules.Validate(request);
        if (failures.Count > 0)
        {
            // Login, password and folder messages are under their fields; the user and domain have no field here.
            var elsewhere = failures.Where(f => f.Key is nameof(CreateFtpAccountRequest.User) or nameof(CreateFtpAccountRequest.Domain)).ToList();
            if (elsewhere.Count > 0)
            {
                _error = new DashboardError(ErrorField.None, elsewhere[0].Value);
            }
            return;
        }
        (var endsAt, _endError) = EndRequests.Resolve(_end, Time.GetUtcNow(), ReaderTimeZone.Current, L);
        if (_endError is not null)
        {
            return;
        }

        _busy = true;
        try
        {
            // The service checks that the folder exists (the customer's rule: HestiaCP would create it silently).
            var result = await Dashboard.CreateAsync(request, CancellationToken.None);
            if (result is { Status: FtpResultStatus.Done, Account: { } account })
            {
                if (endsAt is not null)
                {
                    await SetEndAsync(account, endsAt);
                }
                var links = await Dashboard.GetLinksAsync(AccountKey.Server);
                _password = null;
                MudDialog.Close(DialogResult.Ok(links.CredentialsOf(account, AccountKey.User)));
            }
            else if (result.RolledBack)
            {
                _rolledBack = true;
                _folderError = L["DomainFtp.Create.FolderMissing"];
            }
            else if (result.Refusal?.ReasonCode == ValidationCodes.PathNotFound)
            {
                _folderError = L["DomainFtp.Create.FolderMissing"];
            }
            else
            {
                Show(DashboardErrors.Describe(result, L, ErrorField.Folder)!);
            }
        }
        catch (Exception ex)
        {
            Show(DashboardErrors.Describe(ex, L, ErrorField.Folder));
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task SetEndAsync(CreatedFtpAccount account, DateTimeOffset? endsAt)
    {
        try
        {
            await Expiries.SetAsync(new SetFtpExpiryRequest(AccountKey.User, account.Domain, account.Login, endsAt, ReaderTimeZone.Current.Name), CancellationToken.None);
        }
        catch (Exception)
        {
            // The account exists and its password is shown next; only its end is missing, and Edit can set it.
            Snackbar.Add(L["End.NotSavedAfterCreate", account.Login], Severity.Warning);
        }
    }

    private void Show(DashboardError error)
    {
        switch (error.Field)
        {
            case ErrorField.Login:
                _loginError = error.Message;
                break;
            case ErrorField.Password:
                _passwordError = error.Message;
                break;
            case ErrorField.Folder:
                _folderError = error.Message;
                break;
            default:
                _error = error;
                break;
        }
    }

    private void Cancel()
    {
        _password = null;
        MudDialog.Cancel();
    }

    public void Dispose() => _password = null;
}
