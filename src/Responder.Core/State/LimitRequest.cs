namespace Responder.Core.State;

/// <param name="Name">The counter, with its scope (<see cref="StateKeys.Limit"/>).</param>
/// <param name="Wanted">Slots this batch needs.</param>
/// <param name="Max">Slots the window allows.</param>
/// <param name="Window">Length of a window; windows start at multiples of it since the Unix epoch, so every instance agrees on them.</param>
public sealed record LimitRequest(string Name, int Wanted, int Max, TimeSpan Window);

/// <param name="Granted">Slots taken, at most the wanted ones.</param>
/// <param name="Opened">True for the one caller that first found the window's limit reached: it announces the open circuit.</param>
/// <param name="WindowEnd">When the window ends and the counter starts again.</param>
public sealed record LimitGrant(int Granted, bool Opened, DateTimeOffset WindowEnd);
