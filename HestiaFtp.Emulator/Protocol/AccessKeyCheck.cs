using System.Text.RegularExpressions;
using HestiaFtp.Emulator.Commands;
using HestiaFtp.Emulator.State;

namespace HestiaFtp.Emulator.Protocol;

/// <summary>v-check-access-key's verdict: exit code and message, the key's user and where USER sits in the command's arguments.</summary>
internal sealed record AccessCheck(int Exit, string Message, string User, int UserArgPosition);

/// <summary>v-check-access-key KEY SECRET CMD IP json: failures exit 10 when "forbidden", otherwise 9.</summary>
internal sealed partial class AccessKeyCheck(ScriptChecks checks, CommandTable commands)
{
    [GeneratedRegex("^[A-Za-z0-9]{20}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdFormat();

    [GeneratedRegex(@"^[A-Za-z0-9|_\\.+/^~=%-]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretFormat();

    private readonly ServerState _state = checks.State;

    public AccessCheck Check(string keyIdRaw, string secret, string cmd)
    {
        static AccessCheck Fail9(string m) => new(9, m, "", -1);
        static AccessCheck Fail10(string m) => new(10, m, "", -1);

        if (_state.DemoMode)
        {
            return new AccessCheck(1, ScriptChecks.DemoMessage, "", -1); // check_hestia_demo_mode runs before the callback is set
        }

        var keyId = keyIdRaw.Contains('/') ? keyIdRaw[(keyIdRaw.LastIndexOf('/') + 1)..] : keyIdRaw;
        if (!KeyIdFormat().IsMatch(keyId))
        {
            return Fail9($"Error: invalid access_key_id format :: {keyId}");
        }

        if (keyId.Length < 16 || !_state.AccessKeys.TryGetValue(keyId, out var key))
        {
            return Fail9($"Error: key {keyId} doesn't exist");
        }

        if (!SecretFormat().IsMatch(secret))
        {
            return Fail9("Error: invalid secret_access_key format");
        }

        if (key.Secret != secret)
        {
            return Fail9($"Error: Invalid secret key for key {keyId}");
        }

        int position;
        var known = commands.TryGet(cmd, out var definition);
        if (cmd == "v-make-tmp-file" || known)
        {
            if (key.Permissions.Count > 0)
            {
                var allowed = key.Permissions
                    .SelectMany(p => _state.ApiProfiles.TryGetValue(p.Trim(), out var cmds) ? cmds : [])
                    .ToHashSet(StringComparer.Ordinal);
                if (!allowed.Contains(cmd))
                {
                    return Fail10($"Error: Key {keyId} don't have permission to run the command {cmd}");
                }
            }
            else if (key.User != _state.RootUser)
            {
                return Fail10($"Error: Key {keyId} don't have permission to run the command {cmd}");
            }

            position = cmd == "v-make-tmp-file" || key.User == _state.RootUser ? 0 : UserArgPosition(definition!.Options);
        }
        else
        {
            return Fail10($"Error: Command {cmd} not found");
        }

        try
        {
            ScriptChecks.UserFormatValid(key.User, "user");
            var owner = checks.UserExists(key.User);
            ScriptChecks.UserUnsuspended(owner);
        }
        catch (ScriptExit e)
        {
            return new AccessCheck(e.Code == 10 ? 10 : 9, string.Join('\n', e.Lines), "", -1);
        }

        return new AccessCheck(0, "", key.User, position);
    }

    /// <summary>search_command_arg_position: 1-based position of USER in the "# options:" line, 0 when absent.</summary>
    private static int UserArgPosition(string options)
    {
        var position = 0;
        var parts = options.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Trim('[', ']').ToUpperInvariant() == "USER")
            {
                position = i + 1;
            }
        }

        return position;
    }
}
