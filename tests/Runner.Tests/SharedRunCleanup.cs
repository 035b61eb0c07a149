namespace Differentials.Runner.Tests;

/// <summary>Deletes the shared run's temporary folder after all tests.</summary>
[SetUpFixture]
public sealed class SharedRunCleanup
{
    [OneTimeTearDown]
    public void DeleteSharedRun() => SharedRun.DisposeIfStarted();
}
