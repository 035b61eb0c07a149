using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Tests.Verification;

public class JacobiansTests
{
    private const int N = 4;

    private static (Matrix<double> X, Matrix<double> Y) InversePoint()
    {
        Matrix<double> x = TestFunctions.WellConditioned(N, new Random(30));
        return (x, x.Inverse());
    }

    [Test]
    public void ForwardBackwardAndClosedFormAgreeForTheInverseColumnMajor()
    {
        var (x, y) = InversePoint();
        double kappa = RandomMatrices.ConditionNumber(x);
        Matrix<double> forward = Jacobians.FromForward(u => TestFunctions.InverseDifferential(y, u), N, N);
        Matrix<double> backward = Jacobians.FromBackward(yBar => TestFunctions.InverseAdjoint(y, yBar), N, N);
        Matrix<double> closed = Jacobians.InverseColumnMajor(y);
        Assert.That(forward.RowCount, Is.EqualTo(N * N));
        Assert.That(forward.ColumnCount, Is.EqualTo(N * N));
        Jacobians.Compare(forward, closed, kappa, "forward vs −(Yᵀ⊗Y)").EnsurePassed();
        Jacobians.Compare(backward, closed, kappa, "backward vs −(Yᵀ⊗Y)").EnsurePassed();
    }

    [Test]
    public void EntriesMatchTheIdentificationTheorem()
    {
        // ∂(X⁻¹)ᵢⱼ/∂Xₖₗ = −Yᵢₖ·Yₗⱼ; column-major index of (i, j) in an N×N matrix is i + N·j.
        var (_, y) = InversePoint();
        Matrix<double> closed = Jacobians.InverseColumnMajor(y);
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                for (int k = 0; k < N; k++)
                    for (int l = 0; l < N; l++)
                        Assert.That(closed[i + N * j, k + N * l], Is.EqualTo(-y[i, k] * y[l, j]).Within(1).Ulps);
    }

    [Test]
    public void RowMajorFormMatchesRowMajorFlattening()
    {
        var (x, y) = InversePoint();
        double kappa = RandomMatrices.ConditionNumber(x);
        Matrix<double> forward = Jacobians.FromForward(u => TestFunctions.InverseDifferential(y, u), N, N, Flattening.RowMajor);
        Matrix<double> backward = Jacobians.FromBackward(yBar => TestFunctions.InverseAdjoint(y, yBar), N, N, Flattening.RowMajor);
        Matrix<double> closed = Jacobians.InverseRowMajor(y);
        Jacobians.Compare(forward, closed, kappa, "forward (row-major) vs −(Y⊗Yᵀ)").EnsurePassed();
        Jacobians.Compare(backward, closed, kappa, "backward (row-major) vs −(Y⊗Yᵀ)").EnsurePassed();
        // The flattening matters: the two closed forms are different matrices.
        VerificationResult mixed = Jacobians.Compare(closed, Jacobians.InverseColumnMajor(y), kappa);
        Assert.That(mixed.Passed, Is.False, mixed.ToString());
    }

    [Test]
    public void ProbedJacobianAgreesWithFiniteDifferences()
    {
        // Column j of the Jacobian is the directional derivative along eⱼ: check a few against Ridders.
        var (x, y) = InversePoint();
        Matrix<double> closed = Jacobians.InverseColumnMajor(y);
        foreach (int j in new[] { 0, 5, 15 })
        {
            Matrix<double> e = Matrix<double>.Build.Dense(N, N);
            e[j % N, j / N] = 1;
            RichardsonEstimate r = FiniteDifferences.Richardson(TestFunctions.Inverse, x, e);
            Vector<double> column = closed.Column(j);
            Assert.That((r.Estimate - column).L2Norm() / column.L2Norm(), Is.LessThanOrEqualTo(1e-10), $"column {j}");
        }
    }

    [Test]
    public void FiniteDifferenceJacobianMatchesBothClosedFormsOfTheInverse()
    {
        var (x, y) = InversePoint();
        foreach (var (order, closed) in new[] { (Flattening.ColumnMajor, Jacobians.InverseColumnMajor(y)), (Flattening.RowMajor, Jacobians.InverseRowMajor(y)) })
        {
            Matrix<double> numeric = Jacobians.FromFiniteDifferences(TestFunctions.Inverse, x, order);
            double error = (numeric - closed).FrobeniusNorm() / closed.FrobeniusNorm();
            TestContext.Out.WriteLine($"{order}: finite-difference Jacobian vs closed form {error:E2}");
            Assert.That(error, Is.LessThanOrEqualTo(1e-10), order.ToString());
        }
    }

    [Test]
    public void ForwardAndBackwardDisagreeForAWrongAdjoint()
    {
        var (_, y) = InversePoint();
        Matrix<double> forward = Jacobians.FromForward(u => TestFunctions.InverseDifferential(y, u), N, N);
        Matrix<double> wrong = Jacobians.FromBackward(yBar => -(y * yBar * y), N, N);
        Assert.That(Jacobians.Compare(forward, wrong).Passed, Is.False);
    }

    [Test]
    public void VectorProbesGiveTheMatrixOfALinearMap()
    {
        Matrix<double> a = RandomMatrices.Gaussian(3, 5, new Random(31));
        Assert.That(Jacobians.FromForward(u => a * u, 5), Is.EqualTo(a));
        Assert.That(Jacobians.FromBackward(yBar => a.TransposeThisAndMultiply(yBar), 3), Is.EqualTo(a));
    }

    [Test]
    public void CompareIsRelativeAndToleranceDerived()
    {
        Matrix<double> a = Matrix<double>.Build.DenseIdentity(3) * 1e6;
        VerificationResult r = Jacobians.Compare(a, a * (1 + 1e-15));
        Assert.That(r.Passed, Is.True, r.ToString());
        Assert.That(r.Tolerance, Is.EqualTo(Tolerances.ForProduct(3)));
        Assert.That(Jacobians.Compare(a, a * (1 + 1e-9)).Passed, Is.False);
        Assert.That(Jacobians.Compare(Matrix<double>.Build.Dense(2, 2), Matrix<double>.Build.Dense(2, 2)).Error, Is.Zero);
        Matrix<double> b = a.Clone();
        b[1, 2] = 0.5;
        Assert.That(Jacobians.Compare(a, b).Name, Does.Contain("largest entry difference 5.00E-001"));
    }

    [Test]
    public void BadInputsThrowNamingTheProblem()
    {
        var shape = Assert.Throws<ArgumentException>(() => Jacobians.Compare(Matrix<double>.Build.Dense(2, 3), Matrix<double>.Build.Dense(3, 2)));
        Assert.That(shape!.Message, Does.Contain("2×3").And.Contain("3×2"));
        var square = Assert.Throws<ArgumentException>(() => Jacobians.InverseColumnMajor(Matrix<double>.Build.Dense(2, 3)));
        Assert.That(square!.Message, Does.Contain("square").And.Contain("2×3"));
        Assert.Throws<ArgumentException>(() => Jacobians.InverseRowMajor(Matrix<double>.Build.Dense(3, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Jacobians.FromForward(v => v, 0));
        Assert.Throws<ArgumentNullException>(() => Jacobians.FromBackward((Func<Vector<double>, Vector<double>>)null!, 3));
        int calls = 0;
        var varying = Assert.Throws<ArgumentException>(() => Jacobians.FromForward(_ => Vector<double>.Build.Dense(++calls), 3));
        Assert.That(varying!.Message, Does.Contain("length 2").And.Contain("expected length 1"));
        var empty = Assert.Throws<ArgumentException>(() => Jacobians.FromBackward(_ => Vector<double>.Build.Dense(0), 3));
        Assert.That(empty!.Message, Does.Contain("empty"));
    }
}
