namespace HestiaFtp.Core.Hestia;

/// <summary>
/// HestiaCP's exit codes (<c>func/main.sh</c> and <c>web/inc/helpers.php</c>), plus the codes this client
/// uses for failures that never reached a <c>v-*</c> script.
/// </summary>
public enum HestiaReturnCode
{
    Ok = 0,
    /// <summary>E_ARGS: too few arguments (also demo mode and some generic failures).</summary>
    Args = 1,
    /// <summary>E_INVALID: invalid argument or object; also PAM rejecting an FTP password.</summary>
    Invalid = 2,
    /// <summary>E_NOTEXIST.</summary>
    NotExist = 3,
    /// <summary>E_EXISTS: e.g. the FTP login is taken anywhere on the server.</summary>
    Exists = 4,
    /// <summary>E_SUSPENDED: the user or the web domain is suspended.</summary>
    Suspended = 5,
    /// <summary>E_UNSUSPENDED.</summary>
    Unsuspended = 6,
    InUse = 7,
    Limit = 8,
    /// <summary>E_PASSWORD: wrong password or API credentials. Never retried (fail2ban).</summary>
    Password = 9,
    /// <summary>E_FORBIDEN: IP not allowed, command not permitted for the key. Never retried.</summary>
    Forbidden = 10,
    Disabled = 11,
    Parsing = 12,
    Disk = 13,
    LoadAverage = 14,
    Connection = 15,
    Ftp = 16,
    Db = 17,
    Rrd = 18,
    Update = 19,
    Restart = 20,
    /// <summary>E_API_DISABLED (PHP only): the API is disabled, or non-admin keys are not allowed.</summary>
    ApiDisabled = 21,
    /// <summary>HTTP 405 from <c>web/api/index.php</c>: the request carried no usable data.</summary>
    InvalidRequest = 405,
    /// <summary>The server could not be reached, or the request timed out (see <see cref="HestiaException.OutcomeUnknown"/>).</summary>
    Connect = 1000,
    /// <summary>The server answered with something this client cannot interpret (malformed JSON, unknown status).</summary>
    UnexpectedResponse = 1001,

    /// <summary>Client-side: the server's mutation lock was not free within the allowed wait; nothing was sent.</summary>
    Busy = 1002,
}

public static class HestiaReturnCodeExtensions
{
    /// <summary>Codes that say the API credentials or the caller's IP were refused: never retry (fail2ban counts them).</summary>
    public static bool IsAuthenticationFailure(this HestiaReturnCode code) =>
        code is HestiaReturnCode.Password or HestiaReturnCode.Forbidden or HestiaReturnCode.ApiDisabled;
}
