namespace HestiaFtp.Web.Resources;

/// <summary>Marker type for the shared user-facing texts (Strings.resx, Strings.de.resx) read through IStringLocalizer.</summary>
public sealed class Strings;
