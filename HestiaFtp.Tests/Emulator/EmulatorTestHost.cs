using HestiaFtp.Emulator;
using HestiaFtp.Emulator.Seeding;
using Microsoft.Extensions.Time.Testing;

namespace HestiaFtp.Tests.Emulator;

/// <summary>A small emulator (admin + alice with example.com) with an admin key, and request builders.</summary>
internal sealed class EmulatorTestHost
{
    public const string AdminPassword = "Admin-Pass-1";
    public const string AlicePassword = "Alice-Pass-1";

    /// <param name="setup">Out-of-band setup after the admin key is created.</param>
    /// <param name="recordTimers">Gives the emulator <see cref="Timers"/> (the same clock) instead of <see cref="Time"/>.</param>
    public EmulatorTestHost(Action<EmulatorControl>? setup = null, bool recordTimers = false)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 15, 30, 0, TimeSpan.Zero));
        Timers = recordTimers ? new RecordingTimeProvider(Time) : null;
        Emulator = HestiaEmulator.Create(new EmulatorSeed
        {
            RootUser = "admin",
            Config = new EmulatorSeedConfig { Api = "yes", ApiSystem = 1, ApiAllowedIp = "127.0.0.1" },
            Users = new Dictionary<string, EmulatorSeedUser>(StringComparer.Ordinal)
            {
                ["admin"] = new() { Role = "admin", Password = AdminPassword },
                ["alice"] = new()
                {
                    Role = "user", Password = AlicePassword,
                    Domains = new Dictionary<string, EmulatorSeedDomain>(StringComparer.Ordinal) { ["example.com"] = new() { Ip = "127.0.0.1" } },
                },
            },
        }, (TimeProvider?)Timers ?? Time);
        (KeyId, Secret) = Emulator.Control.CreateAccessKey("admin");
        setup?.Invoke(Emulator.Control);
    }

    public FakeTimeProvider Time { get; }

    /// <summary>The emulator's clock when created with <c>recordTimers</c>, else null.</summary>
    public RecordingTimeProvider? Timers { get; }

    public HestiaEmulator Emulator { get; }

    public string KeyId { get; }

    public string Secret { get; }

    public EmulatorControl Control => Emulator.Control;

    public static EmulatorRequest Form(params (string Key, string Value)[] fields) => Form("127.0.0.1", fields);

    public static EmulatorRequest Form(string ip, params (string Key, string Value)[] fields) =>
        new("POST", "application/x-www-form-urlencoded", [.. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))], null, ip);

    public static EmulatorRequest Json(string body, string ip = "127.0.0.1") => new("POST", "application/json", null, body, ip);

    /// <summary>Access-key request as admin.</summary>
    public EmulatorResponse Call(string cmd, params string[] args) => Emulator.Handle(KeyForm(KeyId, Secret, cmd, args));

    /// <summary>Access-key request as admin with returncode=yes.</summary>
    public EmulatorResponse CallCode(string cmd, params string[] args) =>
        Emulator.Handle(KeyForm(KeyId, Secret, cmd, args) is var r ? r with { Form = [.. r.Form!, new("returncode", "yes")] } : r);

    /// <summary>Legacy user/password request as admin.</summary>
    public EmulatorResponse Legacy(string cmd, params string[] args) =>
        Emulator.Handle(Form([("user", "admin"), ("password", AdminPassword), ("cmd", cmd), .. ArgFields(args)]));

    public static EmulatorRequest KeyForm(string keyId, string secret, string cmd, params string[] args) =>
        Form([("access_key", keyId), ("secret_key", secret), ("cmd", cmd), .. ArgFields(args)]);

    private static IEnumerable<(string, string)> ArgFields(string[] args) => args.Select((a, i) => ($"arg{i + 1}", a));
}
