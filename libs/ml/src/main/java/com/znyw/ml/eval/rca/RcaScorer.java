package com.znyw.ml.eval.rca;

import com.znyw.ml.rca.RootCause;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scores predicted root-cause sets against the truth: a predicted combination counts as a true
 * positive only when it equals a true one exactly, after both have their {@code dim=value}
 * elements sorted. Counts are summed over cases, so F1 is micro-averaged.
 */
public final class RcaScorer {

    private int truePositives;
    private int falsePositives;
    private int falseNegatives;

    /** Counts of one case. */
    public record Outcome(int truePositives, int falsePositives, int falseNegatives) {
    }

    /**
     * Returns a combination such as {@code c=c3&a=a5} with its elements sorted, here
     * {@code a=a5&c=c3}; blanks around the elements are removed.
     */
    public static String canonical(String combination) {
        if (combination == null || combination.isBlank()) {
            throw new IllegalArgumentException(
                    "a root cause needs at least one dim=value element, got '" + combination + "'");
        }
        String[] elements = combination.split("&");
        for (int i = 0; i < elements.length; i++) {
            elements[i] = elements[i].strip();
            if (elements[i].indexOf('=') <= 0) {
                throw new IllegalArgumentException("element '" + elements[i] + "' of '"
                        + combination + "' is not of the form dim=value");
            }
        }
        Arrays.sort(elements);
        return String.join("&", elements);
    }

    /** Returns the canonical forms of the predicted root causes, in rank order. */
    public static Set<String> canonical(List<RootCause> predicted) {
        return predicted.stream().map(c -> canonical(c.combination()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Adds one case and returns its counts. */
    public Outcome add(Collection<String> predicted, Set<String> truth) {
        Set<String> predictedSet = new HashSet<>(predicted);
        int tp = 0;
        for (String p : predictedSet) {
            if (truth.contains(p)) {
                tp++;
            }
        }
        Outcome outcome = new Outcome(tp, predictedSet.size() - tp, truth.size() - tp);
        truePositives += outcome.truePositives();
        falsePositives += outcome.falsePositives();
        falseNegatives += outcome.falseNegatives();
        return outcome;
    }

    public int truePositives() {
        return truePositives;
    }

    public int falsePositives() {
        return falsePositives;
    }

    public int falseNegatives() {
        return falseNegatives;
    }

    public double precision() {
        int predicted = truePositives + falsePositives;
        return predicted == 0 ? 0 : (double) truePositives / predicted;
    }

    public double recall() {
        int actual = truePositives + falseNegatives;
        return actual == 0 ? 0 : (double) truePositives / actual;
    }

    public double f1() {
        int denominator = 2 * truePositives + falsePositives + falseNegatives;
        return denominator == 0 ? 0 : 2.0 * truePositives / denominator;
    }

    static Set<String> canonicalSet(Collection<String> combinations) {
        Set<String> result = new LinkedHashSet<>();
        for (String c : combinations) {
            result.add(canonical(c));
        }
        return result;
    }
}
