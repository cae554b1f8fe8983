using System.Security.Cryptography;
using HestiaFtp.Core.Validation;

namespace HestiaFtp.Core.FtpAccounts;

/// <summary>Generates FTP login suffixes and passwords.</summary>
public interface ICredentialGenerator
{
    /// <summary>A password that passes <see cref="FtpPasswords"/> and carries at least 128 bits of entropy.</summary>
    string GeneratePassword();

    /// <summary>
    /// A suffix for <c>v-add-web-domain-ftp</c> such that <c>USER_suffix</c> passes HestiaCP's 30-character rule and our policy.
    /// </summary>
    /// <exception cref="ArgumentException">The user name is invalid or leaves no room for a generated suffix.</exception>
    string GenerateLoginSuffix(string user);
}

/// <summary>
/// <see cref="ICredentialGenerator"/> on the operating system's CSPRNG (<see cref="RandomNumberGenerator.GetString"/>, which
/// is unbiased). Passwords: <see cref="PasswordLength"/> characters from the 57 alphanumerics left after removing
/// <c>0 O 1 l I</c>, so 22 × log2 57 ≈ 128.3 bits; alphanumeric only, so they survive FTP clients and copy-paste, and can
/// never start with <c>/tmp/</c>. Regenerated until a lower-case letter, an upper-case letter and a digit appear, like
/// HestiaCP's own generator; that costs under 0.06 bits. Suffixes: <c>ftp</c> + up to six random lower-case characters.
/// </summary>
public sealed class CredentialGenerator : ICredentialGenerator
{
    public const string PasswordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public const int PasswordLength = 22;

    public const string SuffixPrefix = "ftp";
    public const string SuffixAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    public const int SuffixRandomLength = 6;

    /// <summary>The fewest random characters a generated suffix may have before the user name is called too long.</summary>
    public const int MinSuffixRandomLength = 2;

    public string GeneratePassword()
    {
        while (true)
        {
            var password = RandomNumberGenerator.GetString(PasswordAlphabet, PasswordLength);
            if (password.Any(char.IsAsciiLetterLower) && password.Any(char.IsAsciiLetterUpper) && password.Any(char.IsAsciiDigit))
            {
                return password;
            }
        }
    }

    public string GenerateLoginSuffix(string user)
    {
        if (HestiaIdentifiers.CheckUser(user).Count > 0)
        {
            throw new ArgumentException("The panel user name is not valid.", nameof(user));
        }

        var randomLength = Math.Min(SuffixRandomLength, FtpNames.MaxSuffixLength(user) - SuffixPrefix.Length);
        if (randomLength < MinSuffixRandomLength)
        {
            throw new ArgumentException(
                $"The panel user name is too long ({user.Length} characters) to leave room for a generated FTP login within HestiaCP's {FtpNames.MaxFullLength} characters; choose a short name instead.",
                nameof(user));
        }

        return SuffixPrefix + RandomNumberGenerator.GetString(SuffixAlphabet, randomLength);
    }
}
