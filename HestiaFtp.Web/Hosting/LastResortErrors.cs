namespace HestiaFtp.Web.Hosting;

/// <summary>
/// Catches whatever the exception handler lets through (an exception after the response started, or one thrown while
/// rendering the error page) before it reaches the developer exception page that <see cref="WebApplication"/> adds in
/// Development: the browser gets a bare 500, the log gets the exception.
/// </summary>
public static class LastResortErrors
{
    public static IApplicationBuilder UseLastResortErrors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception ex)
        {
            if (!context.RequestAborted.IsCancellationRequested)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LastResortErrors).FullName!)
                    .LogError(ex, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
            }
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
    });
}
