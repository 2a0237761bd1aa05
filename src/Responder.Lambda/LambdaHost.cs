using System.Net.Sockets;
using Responder.Core.Response;
using Responder.Hosting;
using Responder.Lambda.Logging;
using Responder.Lambda.Runtime;

namespace Responder.Lambda;

/// <summary>
/// The bootstrap: init once (memory limit, handler, configuration), then the Runtime API loop
/// next → handle → response or error, for as long as Lambda keeps the process.
/// </summary>
internal static class LambdaHost
{
    private static readonly TimeSpan MaxDeadlineMargin = TimeSpan.FromMilliseconds(500);

    public static async Task<int> RunAsync(LambdaEnvironment environment)
    {
        var clock = TimeProvider.System;
        var start = clock.GetTimestamp();
        var heapLimit = MemoryLimit.Apply(environment.MemoryMegabytes);
        using var log = new JsonLog(Console.OpenStandardOutput(), clock);
        if (environment.RuntimeApiProblem() is { } unusable)
        {
            // Not Lambda, or a broken one: there is no Runtime API to report the failure to, only the log.
            log.Failed(null, "init.failed", new RuntimeFailure(RuntimeFailure.InvalidConfiguration, unusable));
            log.Flush();
            return 1;
        }

        using var runtime = new RuntimeApiClient(environment.RuntimeApi);
        var init = LambdaInit.From(environment);
        foreach (var warning in init.Warnings)
        {
            log.ConfigWarning(warning);
        }

        if (!init.IsReady)
        {
            return await FailInitAsync(runtime, log, init.Failure).ConfigureAwait(false);
        }

        var (scope, config, source) = init.Setup;
        var ports = Composition.Ports(config, environment.Variables);
        if (!ports.IsBuilt)
        {
            return await FailInitAsync(runtime, log, new RuntimeFailure(RuntimeFailure.NoCredentials,
                $"notifications, cluster actions, the state table and Security Hub findings need AWS credentials and a region: {ports.Problem.Message}")).ConfigureAwait(false);
        }

        var (notifier, cluster, state, findings) = ports.Value;
        var function = new FunctionHandler(environment.Handler, new ResponsePipeline(config, notifier, cluster, scope, state, findings: findings), log, clock);
        log.InitDone(environment.Handler, source, config.DryRun, heapLimit, clock.GetElapsedTime(start).TotalMilliseconds);
        log.Flush();
        return await LoopAsync(runtime, function, log, clock).ConfigureAwait(false);
    }

    private static async Task<int> FailInitAsync(RuntimeApiClient runtime, JsonLog log, RuntimeFailure failure)
    {
        log.Failed(null, "init.failed", failure);
        log.Flush();
        await runtime.FailInitAsync(new RuntimeError(failure.ErrorType, failure.Message), CancellationToken.None).ConfigureAwait(false);
        return 1;
    }

    private static async Task<int> LoopAsync(RuntimeApiClient runtime, FunctionHandler function, JsonLog log, TimeProvider clock)
    {
        try
        {
            while (true)
            {
                var invocation = await runtime.NextAsync(CancellationToken.None).ConfigureAwait(false);
                var result = await InvokeAsync(function, invocation, log, clock).ConfigureAwait(false);
                log.Flush();
                if (result.Failure is { } error)
                {
                    await runtime.FailAsync(invocation.RequestId, new RuntimeError(error.ErrorType, error.Message), CancellationToken.None).ConfigureAwait(false);
                }
                else
                {
                    await runtime.RespondAsync(invocation.RequestId, result.Body, CancellationToken.None).ConfigureAwait(false);
                }

                MemoryLimit.Tidy();
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException)
        {
            // Lambda is shutting the sandbox down, or this is not Lambda: there is nobody left to report to.
            log.Failed(null, "runtime.unreachable", new RuntimeFailure("Responder.RuntimeUnreachable", ex.Message));
            log.Flush();
            return 1;
        }
    }

    internal static async Task<InvocationResult> InvokeAsync(FunctionHandler function, Invocation invocation, JsonLog log, TimeProvider clock)
    {
        Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId);
        using var deadline = new CancellationTokenSource(Margin(invocation.Deadline, clock), clock);
        try
        {
            return await function.InvokeAsync(invocation, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The handler boundary: whatever escapes fails this invocation with its reason; the
            // process and the next invocations carry on.
            var failure = new RuntimeFailure(RuntimeFailure.Unhandled, $"{ex.GetType().Name}: {ex.Message}");
            log.Failed(invocation.RequestId, "invocation.failed", failure);
            return InvocationResult.Fail(failure);
        }
    }

    // Stop early enough to report before Lambda kills the process: a quarter of the time left, at most half a
    // second. A short deadline needs the larger share: inflating a payload cannot stop part way, and the report
    // still has to be written and posted.
    internal static TimeSpan Margin(DateTimeOffset deadline, TimeProvider clock)
    {
        var left = deadline - clock.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var margin = TimeSpan.FromTicks(Math.Min(MaxDeadlineMargin.Ticks, left.Ticks / 4));
        return left - margin;
    }
}
