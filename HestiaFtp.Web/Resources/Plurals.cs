using Microsoft.Extensions.Localization;

namespace HestiaFtp.Web.Resources;

/// <summary>
/// Counted phrases: one resource key per plural category, <c>KEY.One</c> and <c>KEY.Other</c>, the count as {0}.
/// English and German both use "one" for exactly 1 and "other" for every other whole number (CLDR).
/// </summary>
public static class Plurals
{
    public static string Plural(this IStringLocalizer<Strings> l, string key, long count, params object[] more) =>
        l[key + (count == 1 ? ".One" : ".Other"), [count, .. more]];
}
