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
/// Change an account's password and/or folder; only the parts that changed are sent. A folder that does not exist
/// resets the account to the domain root (the customer's rule): the dialog then says so and waits to be closed.
/// Closes with <see cref="EditFtpAccountResult"/>.
/// </summary>
public sealed partial class EditFtpAccountDialog : IDisposable
{
    private static readonly ChangeFtpPasswordRequestValidator PasswordValidator = new();
    private static readonly ChangeFtpFolderRequestValidator FolderValidator = new();

    [Inject] private IFtpDashboard Dashboard { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;

    [CascadingParameter] private IMudDialogInstance MudDialog { get; set; } = default!;

    [Parameter, EditorRequired] public AccountKey AccountKey { get; set; } = default!;
    [Parameter, EditorRequired] public string Domain { get; set; } = "";
    [Parameter, EditorRequired] public string Login { get; set; } = "";

    /// <summary>The account's end, or null.</summary>
    [Parameter] public FtpExpiry? End { get; set; }

    /// <summary>The account's current folder relative to the domain folder ("" = the domain root).</summary>
    [Parameter, EditorRequired] public string Folder { get; set; } = "";

    private MudForm _form = default!;
    private FluentValidationAdapter<ChangeFtpPasswordRequest> _passwordRules = default!;
    private FluentValidationAdapter<ChangeFtpFolderRequest> _folderRules = default!;
    private Func<string?, IEnumerable<string>> _passwordRule = default!;
    private Func<string?, IEnumerable<string>> _folderRule = default!;
    private string? _password;
    private string? _folder;
    private string _currentFolder = "";
    private string? _passwordError;
    private string? _folderError;
    private DashboardError? _error;
    private FtpPasswordChangeResult? _passwordOutcome;
    private FtpFolderChangeResult? _folderOutcome;
    private string? _requestedFolder;
    private bool _nothingChanged;
    private bool _pickerOpen;
    private bool _busy;

    /// <summary>The folder change reset the account to the root: only "Close" remains.</summary>
    private bool Done => _folderOutcome is { WasReset: true, Status: FtpResultStatus.Done };

    private ChangeFtpPasswordRequest PasswordRequest => new(AccountKey.User, Domain, Login, _password ?? "");

    private ChangeFtpFolderRequest FolderRequest => new(AccountKey.User, Domain, Login, _folder);

    private bool PasswordPending => _passwordOutcome is null && !string.IsNullOrEmpty(_password);

    private bool FolderPending => !string.Equals(FtpFolders.Normalize(_folder), _currentFolder, StringComparison.Ordinal);

    private string DomainFolder => $"/home/{AccountKey.User}/web/{Domain}";

    private string AbsoluteFolder => DomainFolder + FtpFolders.Normalize(_folder);

    private string PickerStart => FtpFolders.IsValid(_folder) ? FtpFolders.Normalize(_folder) : "";

    protected override void OnInitialized()
    {
        _currentFolder = FtpFolders.Normalize(Folder);
        _folder = _currentFolder;
        _passwordRules = new(PasswordValidator, L);
        _folderRules = new(FolderValidator, L);
        // The password is optional here: an empty field means "keep it".
        _passwordRule = v => string.IsNullOrEmpty(v) ? [] : _passwordRules.Messages(PasswordRequest with { Password = v }, nameof(ChangeFtpPasswordRequest.Password));
        _folderRule = _folderRules.Property<string?>(nameof(ChangeFtpFolderRequest.Folder), v => FolderRequest with { Folder = v });
    }

    private void PasswordChanged(string? value)
    {
        _password = value;
        _passwordError = null;
        _nothingChanged = false;
    }

    private void FolderChanged(string? value)
    {
        _folder = value;
        _folderError = null;
        _nothingChanged = false;
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
        _passwordError = _folderError = null;
        _error = null;
        var sendPassword = PasswordPending;
        var sendFolder = FolderPending;
        if (!sendPassword && !sendFolder)
        {
            _nothingChanged = _passwordOutcome is null;
            if (_passwordOutcome is not null)
            {
                Finish();
            }
            return;
        }

        await _form.ValidateAsync();
        var failures = new List<KeyValuePair<string, string>>();
        if (sendPassword)
        {
            failures.AddRange(_passwordRules.Validate(PasswordRequest));
        }
        if (sendFolder)
        {
            failures.AddRange(_folderRules.Validate(FolderRequest));
        }
        if (failures.Count > 0)
        {
            var elsewhere = failures.Where(f => f.Key is not (nameof(ChangeFtpPasswordRequest.Password) or nameof(ChangeFtpFolderRequest.Folder))).ToList();
            if (elsewhere.Count > 0)
            {
                _error = new DashboardError(ErrorField.None, elsewhere[0].Value);
            }
            return;
        }

        _busy = true;
        try
        {
            if (sendPassword && !await ChangePasswordAsync())
            {
                return;
            }
            if (sendFolder && !await ChangeFolderAsync())
            {
                return;
            }
            if (!Done)
            {
                Finish();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task<bool> ChangePasswordAsync()
    {
        DashboardError? error;
        try
        {
            var result = await Dashboard.ChangePasswordAsync(PasswordRequest, CancellationToken.None);
            error = DashboardErrors.Describe(result, L);
            if (result.Status == FtpResultStatus.Done)
            {
                _passwordOutcome = result;
                _password = null;
                return true;
            }
        }
        catch (Exception ex)
        {
            error = DashboardErrors.Describe(ex, L, ErrorField.Folder);
        }
        // Not done or cannot tell: the dialog stays open with the password still typed, so it can be sent again.
        if (error!.Field == ErrorField.Password)
        {
            _passwordError = error.Message;
        }
        else
        {
            _error = error;
        }
        return false;
    }

    private async Task<bool> ChangeFolderAsync()
    {
        var request = FolderRequest;
        DashboardError? error;
        try
        {
            var result = await Dashboard.ChangeFolderAsync(request, CancellationToken.None);
            error = DashboardErrors.Describe(result, L, ErrorField.Folder);
            if (result.ActualFolder is { } actual)
            {
                // What the server shows now, whatever came of the change.
                _currentFolder = actual;
            }
            if (result.Status == FtpResultStatus.Done)
            {
                _folderOutcome = result;
                _requestedFolder = request.NormalizedFolder;
                _folder = _currentFolder;
                return true;
            }
        }
        catch (Exception ex)
        {
            error = DashboardErrors.Describe(ex, L, ErrorField.Folder);
        }
        if (error!.Field == ErrorField.Folder)
        {
            _folderError = error.Message;
        }
        else
        {
            _error = error;
        }
        return false;
    }

    private void Finish()
    {
        _password = null;
        MudDialog.Close(DialogResult.Ok(new EditFtpAccountResult(_passwordOutcome, _folderOutcome)));
    }

    private void Cancel()
    {
        _password = null;
        // A password already changed in this dialog is a result the page must hear about.
        if (_passwordOutcome is not null)
        {
            Finish();
            return;
        }
        MudDialog.Cancel();
    }

    public void Dispose() => _password = null;
}
