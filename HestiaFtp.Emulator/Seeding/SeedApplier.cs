using System.Globalization;
using HestiaFtp.Emulator.State;

namespace HestiaFtp.Emulator.Seeding;

/// <summary>Builds the server's initial state from an <see cref="EmulatorSeed"/>.</summary>
internal static class SeedApplier
{
    public static void Apply(ServerState state, Provisioning provisioning, EmulatorSeed seed)
    {
        state.RootUser = seed.RootUser;
        if (seed.Config is { } c)
        {
            state.Api = c.Api ?? state.Api;
            state.ApiSystem = c.ApiSystem?.ToString(CultureInfo.InvariantCulture) ?? state.ApiSystem;
            state.ApiAllowedIp = c.ApiAllowedIp ?? state.ApiAllowedIp;
            state.DemoMode = c.DemoMode ?? state.DemoMode;
        }

        var firstIp = seed.Users.Values.SelectMany(u => u.Domains?.Values ?? Enumerable.Empty<EmulatorSeedDomain>())
            .Select(d => d.Ip).FirstOrDefault(ip => !string.IsNullOrEmpty(ip));
        if (firstIp is not null)
        {
            state.DefaultIp = firstIp;
        }

        foreach (var (name, commands) in seed.ApiProfiles ?? [])
        {
            state.ApiProfiles[name] = commands;
        }

        foreach (var (name, u) in seed.Users)
        {
            var user = provisioning.AddPanelUser(name, u.Password, u.Role ?? (name == state.RootUser ? "admin" : "user"), u.Fields);
            foreach (var (domainName, d) in u.Domains ?? [])
            {
                var fields = d.Fields ?? new Dictionary<string, string>();
                var web = provisioning.CreateDomain(user, domainName, d.Ip ?? state.DefaultIp, d.Alias ?? "www." + domainName,
                    string.Equals(d.Ssl, "yes", StringComparison.Ordinal), string.Equals(d.Suspended, "yes", StringComparison.Ordinal),
                    fields, d.Folders, d.Files);
                foreach (var ftp in d.FtpAccounts ?? [])
                {
                    provisioning.AddFtpDirect(user, web, ftp.Login, ftp.Path, ftp.Password);
                }
            }

            if (u.Suspended)
            {
                provisioning.ApplyUserSuspension(user, true);
            }
        }

        foreach (var k in seed.AccessKeys ?? [])
        {
            state.AccessKeys[k.Id] = new AccessKeyRecord(k.Id, k.Secret, k.User, k.Permissions ?? []);
        }

        foreach (var k in seed.LegacyApiKeys ?? [])
        {
            state.LegacyKeys.Add(k);
        }
    }
}
