using FluentValidation;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Web.Components.Shared;

/// <summary>
/// The one bridge from a Core validator to MudBlazor: <see cref="Property{TValue}"/> gives a field's <c>Validation</c>
/// function, <see cref="Validate"/> checks a whole request before any call. Messages are localized by the rule's stable
/// error code (<c>Rule.&lt;code&gt;</c>), falling back to the validator's English text.
/// </summary>
/// <remarks>
/// Core's requests are immutable records, so a field is validated by building the request it would produce
/// (<c>request with { Prop = value }</c>) rather than by binding MudForm to a mutable model.
/// </remarks>
public sealed class FluentValidationAdapter<TRequest>(IValidator<TRequest> validator, IStringLocalizer<Strings> l)
{
    /// <summary>For a field's <c>Validation</c> parameter: the messages of <paramref name="propertyName"/> for the request the candidate value would make.</summary>
    public Func<TValue, IEnumerable<string>> Property<TValue>(string propertyName, Func<TValue, TRequest> requestWith) =>
        value => Messages(requestWith(value), propertyName);

    /// <summary>The localized messages of one property.</summary>
    public IReadOnlyList<string> Messages(TRequest request, string propertyName)
    {
        var result = validator.Validate(request, options => options.IncludeProperties(propertyName));
        return result.Errors.Select(e => DashboardErrors.Localize(e.ErrorCode, e.ErrorMessage, l)).Distinct().ToList();
    }

    /// <summary>Every broken rule of the request: the first localized message per property (empty when valid).</summary>
    public IReadOnlyDictionary<string, string> Validate(TRequest request) =>
        validator.Validate(request).Errors
            .GroupBy(e => e.PropertyName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => DashboardErrors.Localize(g.First().ErrorCode, g.First().ErrorMessage, l), StringComparer.Ordinal);
}
