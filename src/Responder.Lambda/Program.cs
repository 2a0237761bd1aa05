using Responder.Lambda;

return await LambdaHost.RunAsync(LambdaEnvironment.FromProcess()).ConfigureAwait(false);
