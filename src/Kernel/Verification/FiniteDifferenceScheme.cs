namespace Differentials.Verification;

/// <summary>How a finite difference samples the function along the direction u.</summary>
public enum FiniteDifferenceScheme
{
    /// <summary>(f(x+hu) − f(x−hu)) / 2h: truncation error O(h²).</summary>
    Central,

    /// <summary>(f(x+hu) − f(x)) / h: truncation error O(h).</summary>
    OneSided,
}
