using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Validation;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Tests.Web.Components.Shared;

public sealed class FluentValidationAdapterTests
{
    private static readonly IStringLocalizer<Strings> L = CreateLocalizer();

    private static readonly CreateFtpAccountRequest Valid = new("alice", "example.com", "web", "Correct-Horse-Battery-9", "public_html");

    private readonly FluentValidationAdapter<CreateFtpAccountRequest> _adapter = new(new CreateFtpAccountRequestValidator(), L);

    private static IStringLocalizer<Strings> CreateLocalizer()
    {
        var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        return services.GetRequiredService<IStringLocalizer<Strings>>();
    }

    [Fact]
    public void Property_WhenCandidateTooLong_ReturnsLocalizedRuleMessage()
    {
        var rule = _adapter.Property<string?>(nameof(CreateFtpAccountRequest.LoginSuffix), v => Valid with { LoginSuffix = v ?? "" });

        var messages = rule(new string('a', 30)).ToList();

        Assert.Equal([L["Rule." + ValidationCodes.LoginTooLong].Value], messages);
    }

    [Fact]
    public void Property_OnlyReportsItsOwnProperty()
    {
        // The password is invalid too, but the login field must not show the password's message.
        var rule = _adapter.Property<string?>(nameof(CreateFtpAccountRequest.LoginSuffix), v => Valid with { LoginSuffix = v ?? "", Password = "short" });

        Assert.Empty(rule("web"));
    }

    [Fact]
    public void Validate_WhenValid_ReturnsNothing() => Assert.Empty(_adapter.Validate(Valid));

    [Theory]
    [InlineData("Web", "", nameof(CreateFtpAccountRequest.LoginSuffix), ValidationCodes.LoginUpperCase)]
    [InlineData("web", "../etc", nameof(CreateFtpAccountRequest.Folder), ValidationCodes.PathTraversal)]
    public void Validate_WhenRuleBroken_ReturnsLocalizedMessageByProperty(string suffix, string path, string property, string code)
    {
        var errors = _adapter.Validate(Valid with { LoginSuffix = suffix, Folder = path });

        Assert.Equal(L["Rule." + code].Value, Assert.Single(errors, e => e.Key == property).Value);
    }

    [Fact]
    public void Validate_WhenPasswordBroken_NeverEchoesThePassword()
    {
        var errors = _adapter.Validate(Valid with { Password = "/tmp/secret-file-x" });

        Assert.DoesNotContain(errors.Values, m => m.Contains("secret-file", StringComparison.Ordinal));
        Assert.Equal(L["Rule." + ValidationCodes.PasswordTmpPrefix].Value, errors[nameof(CreateFtpAccountRequest.Password)]);
    }
}
