using HestiaFtp.Core.Hestia;

namespace HestiaFtp.Tests.Core;

public class HestiaReturnCodeTests
{
    [Theory]
    [InlineData(HestiaReturnCode.Password, true)]
    [InlineData(HestiaReturnCode.Forbidden, true)]
    [InlineData(HestiaReturnCode.ApiDisabled, true)]
    [InlineData(HestiaReturnCode.Exists, false)]
    [InlineData(HestiaReturnCode.Connect, false)]
    public void IsAuthenticationFailure_ForCode_MatchesFail2banRelevance(HestiaReturnCode code, bool expected) =>
        Assert.Equal(expected, code.IsAuthenticationFailure());
}
