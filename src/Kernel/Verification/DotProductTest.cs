using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Verification;

/// <summary>
/// The dot-product (adjoint) test: a backward map ȳ ↦ x̄ is the adjoint of the differential
/// u ↦ df(x;u) exactly when ⟨ȳ, df(x;u)⟩ = ⟨x̄, u⟩ for all u and ȳ. Checking it on a few random
/// pairs catches a wrong adjoint (transposed, sign-flipped, a missing term) with overwhelming
/// probability, without forming any Jacobian.
/// </summary>
/// <remarks>
/// Mismatch of one trial: |⟨ȳ, dy⟩ − ⟨x̄, u⟩| / (‖ȳ‖‖dy‖ + ‖x̄‖‖u‖). The denominator bounds
/// both inner products (Cauchy–Schwarz), so this is the error relative to the largest value
/// either side could take, and it does not blow up when the two inner products cancel to near
/// zero. The reported error is the largest mismatch over the trials. Tolerance:
/// <see cref="Tolerances.ForConditioned"/>(κ, n + m) with n, m the input and output lengths:
/// each inner product sums n or m terms, and the forward and backward maps each sum at most
/// that many. Because the mismatch is measured against those norms, it does not grow with the
/// conditioning of the operator when both maps use the same computed quantities (the inverse's
/// −Y·U·Y and −Yᵀ·Ȳ·Yᵀ with one computed Y pass at κ = 1e12 with the default κ = 1). Pass a
/// condition number only when the two maps compute through different routes (say, an LU solve
/// forward and an explicit inverse backward), whose rounding differs by up to κ·ε.
/// </remarks>
public static class DotProductTest
{
    /// <summary>Runs the dot-product test on maps of flattened vectors.</summary>
    /// <param name="differential">u ↦ df(x;u) at a fixed point x (length <paramref name="inputLength"/> in, <paramref name="outputLength"/> out).</param>
    /// <param name="backward">ȳ ↦ x̄, the claimed adjoint (length <paramref name="outputLength"/> in, <paramref name="inputLength"/> out).</param>
    /// <param name="inputLength">Length n of u and x̄ (at least 1).</param>
    /// <param name="outputLength">Length m of dy and ȳ (at least 1).</param>
    /// <param name="seed">Seed of the Gaussian draws of u and ȳ.</param>
    /// <param name="trials">Number of random pairs (at least 1).</param>
    /// <param name="conditionNumber">Condition number amplifying the maps' rounding (≥ 1; 1 by default).</param>
    /// <param name="name">What is being checked, for the result's name.</param>
    /// <returns>The largest mismatch over the trials against the derived tolerance.</returns>
    /// <exception cref="ArgumentNullException">A map is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A length or <paramref name="trials"/> is below 1, or <paramref name="conditionNumber"/> is below 1.</exception>
    /// <exception cref="ArgumentException">A map returns null or a vector of the wrong length.</exception>
    public static VerificationResult Run(
        Func<Vector<double>, Vector<double>> differential, Func<Vector<double>, Vector<double>> backward,
        int inputLength, int outputLength, int seed = 0, int trials = 3, double conditionNumber = 1.0, string? name = null)
    {
        Checks.NotNull(differential, nameof(differential));
        Checks.NotNull(backward, nameof(backward));
        Checks.AtLeastOne(inputLength, nameof(inputLength));
        Checks.AtLeastOne(outputLength, nameof(outputLength));
        Checks.AtLeastOne(trials, nameof(trials));
        Checks.ConditionNumber(conditionNumber, nameof(conditionNumber));

        var random = new Random(seed);
        double worst = 0;
        for (int t = 0; t < trials; t++)
        {
            Vector<double> u = RandomMatrices.GaussianVector(inputLength, random);
            Vector<double> yBar = RandomMatrices.GaussianVector(outputLength, random);
            Vector<double> dy = Checks.Returned(differential(u), outputLength, "the differential", nameof(differential));
            Vector<double> xBar = Checks.Returned(backward(yBar), inputLength, "the backward map", nameof(backward));
            double scale = yBar.L2Norm() * dy.L2Norm() + xBar.L2Norm() * u.L2Norm();
            double mismatch = scale == 0 ? 0 : Math.Abs(yBar.DotProduct(dy) - xBar.DotProduct(u)) / scale;
            if (double.IsNaN(mismatch))
                return new VerificationResult(Title(name), double.NaN, Tolerance(inputLength, outputLength, conditionNumber));
            worst = Math.Max(worst, mismatch);
        }
        return new VerificationResult(Title(name), worst, Tolerance(inputLength, outputLength, conditionNumber));
    }

    /// <summary>Runs the dot-product test on maps of matrices, ⟨A, B⟩ = tr(AᵀB) = Σ AᵢⱼBᵢⱼ.</summary>
    /// <param name="differential">U ↦ dF(X;U) at a fixed point X (input rows×cols in, output rows×cols out).</param>
    /// <param name="backward">Ȳ ↦ X̄, the claimed adjoint (output shape in, input shape out).</param>
    /// <param name="inputRows">Rows of U and X̄.</param>
    /// <param name="inputCols">Columns of U and X̄.</param>
    /// <param name="outputRows">Rows of dF and Ȳ.</param>
    /// <param name="outputCols">Columns of dF and Ȳ.</param>
    /// <param name="seed">Seed of the Gaussian draws of U and Ȳ.</param>
    /// <param name="trials">Number of random pairs (at least 1).</param>
    /// <param name="conditionNumber">Condition number amplifying the maps' rounding (≥ 1; 1 by default).</param>
    /// <param name="name">What is being checked, for the result's name.</param>
    /// <returns>The largest mismatch over the trials against the derived tolerance.</returns>
    /// <exception cref="ArgumentNullException">A map is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size or <paramref name="trials"/> is below 1, or <paramref name="conditionNumber"/> is below 1.</exception>
    /// <exception cref="ArgumentException">A map returns null or a matrix of the wrong shape.</exception>
    public static VerificationResult Run(
        Func<Matrix<double>, Matrix<double>> differential, Func<Matrix<double>, Matrix<double>> backward,
        int inputRows, int inputCols, int outputRows, int outputCols,
        int seed = 0, int trials = 3, double conditionNumber = 1.0, string? name = null)
    {
        Checks.NotNull(differential, nameof(differential));
        Checks.NotNull(backward, nameof(backward));
        Checks.AtLeastOne(inputRows, nameof(inputRows));
        Checks.AtLeastOne(inputCols, nameof(inputCols));
        Checks.AtLeastOne(outputRows, nameof(outputRows));
        Checks.AtLeastOne(outputCols, nameof(outputCols));
        return Run(
            u => Vectorization.Vec(Checks.Returned(differential(Vectorization.Unvec(u, inputRows, inputCols)),
                outputRows, outputCols, "the differential", nameof(differential))),
            yBar => Vectorization.Vec(Checks.Returned(backward(Vectorization.Unvec(yBar, outputRows, outputCols)),
                inputRows, inputCols, "the backward map", nameof(backward))),
            Checks.Elements(inputRows, inputCols, "The input U", nameof(inputRows)),
            Checks.Elements(outputRows, outputCols, "The output dF", nameof(outputRows)), seed, trials, conditionNumber, name);
    }

    private static string Title(string? name) => "dot-product test" + (name is null ? "" : ": " + name);

    private static double Tolerance(int n, int m, double kappa) => Tolerances.ForConditioned(kappa, n + m);
}
