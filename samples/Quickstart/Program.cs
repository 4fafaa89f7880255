using Quickstart;
using Retort.Cli;

// The migrations environment runs itself: dotnet run --project samples/Quickstart -- upgrade head
return await RetortCommandLine.RunAsync(args, new RetortCommandLineOptions
{
    RevisionsAssembly = typeof(Program).Assembly,
    AfterChange = FinalState.PrintAsync,
});
