namespace Responder.Cli;

/// <summary>
/// For respond (docs/report.md): 0 the input was read (rejections included), 1 it could not be read, 2 usage or configuration.
/// For release: 0 nothing failed, 1 some target could not be released (the report says which), 2 usage or configuration.
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int InputUnreadable = 1;
    public const int ReleaseFailed = 1;
    public const int Usage = 2;
}
