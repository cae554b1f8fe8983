using Microsoft.AspNetCore.Components;

namespace HestiaFtp.Web.Components.Shared;

/// <summary>
/// A presentational card drawn from one immutable model. Blazor treats a record parameter and every EventCallback as
/// possibly changed, so without this every page render would re-render every card; here the card renders only when its
/// model differs by value. New callbacks are still taken (the handlers read them when clicked) without a render.
/// </summary>
public abstract class ModelCardBase<TModel> : ComponentBase
    where TModel : class, IEquatable<TModel>
{
    private bool _modelChanged;

    [Parameter, EditorRequired] public TModel Model { get; set; } = default!;

    public override Task SetParametersAsync(ParameterView parameters)
    {
        var previous = Model;
        parameters.SetParameterProperties(this);
        if (previous is not null)
        {
            if (previous.Equals(Model))
            {
                return Task.CompletedTask;
            }
            _modelChanged = true;
        }
        return base.SetParametersAsync(ParameterView.Empty);
    }

    // Blazor's first render ignores ShouldRender. Answering false otherwise also keeps the card still after its own
    // button clicks: the page owns every change and passes a new model.
    protected override bool ShouldRender()
    {
        var changed = _modelChanged;
        _modelChanged = false;
        return changed;
    }
}
