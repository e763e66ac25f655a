package io.github.multiprocessstore.benchmarks.harness;

import java.util.List;

/** Median, minimum and maximum of a few repetitions' values; shared by the harness and the query benchmarks. */
public final class Stats {

    private Stats() {}

    /**
     * The median: the middle value, or the mean of the two middle values of an even count.
     *
     * @param values the values, in any order
     * @return their median, NaN if there are none
     */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * The least value.
     *
     * @param values the values
     * @return the least, NaN if there are none
     */
    public static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /**
     * The greatest value.
     *
     * @param values the values
     * @return the greatest, NaN if there are none
     */
    public static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
