/// The result of evaluating a PromQL expression at one instant.
///
/// Values compare with `==` as floating-point numbers do, so a NaN sample never equals another; tests compare
/// NaN results through `isNaN`.
public enum PromQLValue: Hashable, Sendable {
    /// A number, stamped with the evaluation time (ns).
    case scalar(time: Int64, value: Double)
    /// A string literal.
    case string(String)
    /// One sample per series. Sorted by label set, except after `sort` and `sort_desc`, which order by value.
    case vector([VectorSample])
    /// A window of samples per series: the result of a range selector or a subquery.
    case matrix([RangeSeries])
}
