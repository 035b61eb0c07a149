namespace Differentials.Verification;

/// <summary>The order in which a matrix's entries are laid out in a vector.</summary>
public enum Flattening
{
    /// <summary>Columns one after another (vec, the convention of vec(AXB) = (Bᵀ⊗A)·vec X).</summary>
    ColumnMajor,

    /// <summary>Rows one after another (NumPy's default; vec_r(AXB) = (A⊗Bᵀ)·vec_r X).</summary>
    RowMajor,
}
