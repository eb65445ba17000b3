package io.marketlens.tables;

import java.util.List;
import java.util.Objects;

/**
 * Classes of a market by the value of one figure, read from the top tier down: a value is in the first tier whose
 * lower bound it reaches (or passes, for a tier that does not include its bound); the last tier takes the rest. The
 * concentration table's class columns (T/CCPITCSC 111-2022 Table 1, 1.1.4 market concentration) use the four scales
 * below.
 */
public final class ClassScale {

    /** One class: its code, written to the table, and where it starts. */
    public record Tier(String code, String family, double lowerBound, boolean includesBound) implements Code {

        public Tier {
            Objects.requireNonNull(code);
            Objects.requireNonNull(family);
        }

        boolean contains(double value) {
            return includesBound ? value >= lowerBound : value > lowerBound;
        }
    }

    /**
     * HHI by the 2023 Merger Guidelines (column {@code doj2023_class}): highly concentrated above 1800 (§2.1); the
     * moderate tier from 1000 to 1800 and "unconcentrated below 1000" are those of the 1992/1997 guidelines, whose 1800
     * line 2023 restored. Both boundaries belong to the moderate tier.
     */
    public static final ClassScale DOJ_2023 = scale(Codes.HHI_CLASS, Codes.UNCONCENTRATED,
            tier(Codes.HIGHLY_CONCENTRATED, 1800, false), tier(Codes.MODERATELY_CONCENTRATED, 1000, true));

    /**
     * HHI by the 2010 Horizontal Merger Guidelines §5.3 (column {@code doj2010_class}): unconcentrated below 1500,
     * moderately concentrated from 1500 to 2500 inclusive, highly concentrated above 2500.
     */
    public static final ClassScale DOJ_2010 = scale(Codes.HHI_CLASS, Codes.UNCONCENTRATED,
            tier(Codes.HIGHLY_CONCENTRATED, 2500, false), tier(Codes.MODERATELY_CONCENTRATED, 1500, true));

    /** Bain's market types by the four-firm ratio CR4 in percent (column {@code bain_cr4_class}); each lower bound
     * belongs to its own class. */
    public static final ClassScale BAIN_CR4 = scale(Columns.BAIN_CR4_CLASS, "atomistic",
            tier("high_oligopoly", 75, true), tier("moderate_oligopoly", 50, true), tier("low_oligopoly", 25, true));

    /** Market types by the eight-firm ratio CR8 in percent (column {@code bain_cr8_class}); each lower bound belongs
     * to its own class. */
    public static final ClassScale BAIN_CR8 = scale(Columns.BAIN_CR8_CLASS, "fragmented",
            tier("very_high_oligopoly", 70, true), tier("low_concentration_oligopoly", 40, true),
            tier("low_concentration_competitive", 20, true));

    private final String family;
    private final List<Tier> tiers;

    private record Bound(String code, double lowerBound, boolean includesBound) {
    }

    private static Bound tier(String code, double lowerBound, boolean includesBound) {
        return new Bound(code, lowerBound, includesBound);
    }

    private ClassScale(String family, List<Tier> tiers) {
        this.family = family;
        this.tiers = List.copyOf(tiers);
    }

    /** A scale of the tiers {@code above} (from the top down) and a lowest tier that takes every other value. */
    private static ClassScale scale(String family, String lowest, Bound... above) {
        java.util.ArrayList<Tier> t = new java.util.ArrayList<>();
        for (Bound b : above) {
            t.add(new Tier(b.code(), family, b.lowerBound(), b.includesBound()));
        }
        t.add(new Tier(lowest, family, Double.NEGATIVE_INFINITY, true));
        return new ClassScale(family, t);
    }

    /** The label family of the scale's codes. */
    public String family() {
        return family;
    }

    /** The tiers from the highest to the lowest. */
    public List<Tier> tiers() {
        return tiers;
    }

    /** The tier of that code. */
    public Tier tier(String code) {
        return tiers.stream().filter(t -> t.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no class " + code + " in " + family));
    }

    /** The class of a value; NaN has none. */
    public Tier classify(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(family + ": cannot classify NaN");
        }
        for (Tier t : tiers) {
            if (t.contains(value)) {
                return t;
            }
        }
        throw new IllegalStateException("the last tier of " + family + " takes every value");
    }
}
