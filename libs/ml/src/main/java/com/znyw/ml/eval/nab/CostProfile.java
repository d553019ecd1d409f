package com.znyw.ml.eval.nab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One NAB application profile: the weights of NAB's cost matrix. A true positive earns up to
 * {@code tpWeight}, a missed window costs {@code fnWeight}, and a false positive costs up to
 * {@code fpWeight}. NAB's scoring never uses {@code tnWeight}, which is kept because the profile
 * files carry it.
 */
public record CostProfile(String name, double tpWeight, double fpWeight, double fnWeight, double tnWeight) {

    /** NAB's "standard" profile. */
    public static final CostProfile STANDARD = new CostProfile("standard", 1.0, 0.11, 1.0, 1.0);
    /** NAB's profile that doubles the cost of false positives. */
    public static final CostProfile REWARD_LOW_FP_RATE = new CostProfile("reward_low_FP_rate", 1.0, 0.22, 1.0, 1.0);
    /** NAB's profile that doubles the cost of missed windows. */
    public static final CostProfile REWARD_LOW_FN_RATE = new CostProfile("reward_low_FN_rate", 1.0, 0.11, 2.0, 1.0);

    public CostProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Cost profile name is missing: give every profile a name.");
        }
        requireWeight(name, "tpWeight", tpWeight);
        requireWeight(name, "fpWeight", fpWeight);
        requireWeight(name, "fnWeight", fnWeight);
        requireWeight(name, "tnWeight", tnWeight);
        if (tpWeight == 0) {
            throw new IllegalArgumentException("Cost profile '" + name
                    + "' has tpWeight 0, so a perfect detector scores 0 and scores cannot be normalised."
                    + " Use a tpWeight above 0.");
        }
    }

    /** Returns NAB's three profiles in NAB's usual report order. */
    public static List<CostProfile> nabProfiles() {
        return List.of(STANDARD, REWARD_LOW_FP_RATE, REWARD_LOW_FN_RATE);
    }

    /**
     * Loads the profiles of a NAB {@code config/profiles.json}, in file order.
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException naming the file and the bad entry if it is not in NAB's
     *                                  format {@code {"name": {"CostMatrix": {"tpWeight": ...}}}}
     */
    public static Map<String, CostProfile> load(Path profilesJson) throws IOException {
        if (!Files.isRegularFile(profilesJson)) {
            throw new IOException("NAB profiles file not found: " + profilesJson.toAbsolutePath()
                    + ". Point --data at a NAB folder that contains config/profiles.json.");
        }
        String source = profilesJson.toString();
        Object root = JsonReader.parse(Files.readString(profilesJson, StandardCharsets.UTF_8), source);
        if (!(root instanceof Map<?, ?> byName) || byName.isEmpty()) {
            throw new IllegalArgumentException("NAB profiles file " + source
                    + " must contain a non-empty JSON object of profiles, like NAB's config/profiles.json.");
        }
        Map<String, CostProfile> profiles = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : byName.entrySet()) {
            String name = (String) entry.getKey();
            Object matrix = entry.getValue() instanceof Map<?, ?> profile ? profile.get("CostMatrix") : null;
            if (!(matrix instanceof Map<?, ?> weights)) {
                throw new IllegalArgumentException("Profile '" + name + "' in " + source
                        + " has no \"CostMatrix\" object. Add one with tpWeight, fpWeight, fnWeight and tnWeight.");
            }
            profiles.put(name, new CostProfile(name,
                    weight(weights, "tpWeight", name, source),
                    weight(weights, "fpWeight", name, source),
                    weight(weights, "fnWeight", name, source),
                    weight(weights, "tnWeight", name, source)));
        }
        return profiles;
    }

    private static double weight(Map<?, ?> weights, String key, String profile, String source) {
        if (!(weights.get(key) instanceof Double value)) {
            throw new IllegalArgumentException("Profile '" + profile + "' in " + source + " has no numeric "
                    + key + " in its CostMatrix (found " + weights.get(key) + "). Add it as a number.");
        }
        return value;
    }

    private static void requireWeight(String profile, String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Cost profile '" + profile + "' has " + key + " " + value
                    + ", but weights must be finite numbers of at least 0.");
        }
    }
}
