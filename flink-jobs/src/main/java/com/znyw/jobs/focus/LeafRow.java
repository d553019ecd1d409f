package com.znyw.jobs.focus;

/**
 * One leaf (a tuple of dimension values) with its measures, as a Flink POJO. Rows read from
 * the file and the aggregated leaves have this same type.
 *
 * <p>The meaning of {@link #measures} depends on the layout:
 * <ul>
 *   <li>cube: real, predict, real_b, predict_b (the last two 0 for a fundamental measure);</li>
 *   <li>records: 1 per record, 1 if the record is bad else 0;</li>
 *   <li>leaf time series, as read: the measure and its denominator (1 when there is none) at
 *   {@link #timestamp}. After aggregation the leaf's latest points are in {@link #times},
 *   {@link #values} and {@link #denominators}, newest last.</li>
 * </ul>
 * Public fields and a no-argument constructor keep Flink on its POJO serializer.
 */
public class LeafRow {

    /** The dimension values joined with {@link #SEPARATOR}, the grouping key. */
    public String key;
    public String[] dimensions;
    public long timestamp;
    public double[] measures;
    /** The number of file rows summed into this leaf. */
    public long rows;
    public long[] times;
    public double[] values;
    public double[] denominators;

    /** Separates dimension values in {@link #key}; a unit separator does not occur in text. */
    static final char SEPARATOR = '\u001f';

    public LeafRow() {
    }

    static LeafRow of(String[] dimensions, long timestamp, double... measures) {
        LeafRow row = new LeafRow();
        row.key = String.join(String.valueOf(SEPARATOR), dimensions);
        row.dimensions = dimensions;
        row.timestamp = timestamp;
        row.measures = measures;
        row.rows = 1;
        row.times = new long[0];
        row.values = new double[0];
        row.denominators = new double[0];
        return row;
    }

    /** Returns a new leaf with the measures of both added; the inputs are not changed. */
    static LeafRow sum(LeafRow first, LeafRow second) {
        LeafRow sum = of(first.dimensions, first.timestamp, first.measures.clone());
        for (int i = 0; i < sum.measures.length; i++) {
            sum.measures[i] += second.measures[i];
        }
        sum.rows = first.rows + second.rows;
        return sum;
    }
}
