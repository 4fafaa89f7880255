using Retort.Cli;

return await RetortCommandLine.RunAsync(args);
