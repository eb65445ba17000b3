package io.marketlens.metrics.concentration;

import io.marketlens.tables.ClassScale;
import io.marketlens.tables.Codes;
import java.io.Serializable;

/**
 * One row of the {@code concentration} table without its scope columns (T/CCPITCSC 111-2022 Table 1,
 * 1.1.4 市场集中度 / 行业集中率). CR_n are percentages (0–100), HHI is on the 0–10 000 scale; all four
 * are rounded to 1e-6, the precision the classes are decided on (see {@link Concentration}).
 *
 * <p>When {@link #status()} is {@link Status#NO_SALES} the scope had no positive value: {@code entities}
 * is 0, the four numbers are NaN and the four classes are {@code null}.
 *
 * @param entities the entities (sellers, brands or products) with a value above 0
 */
public record ConcentrationMetrics(
        Status status,
        long entities,
        double cr4,
        double cr8,
        double cr10,
        double hhi,
        ClassScale.Tier doj2023Class,
        ClassScale.Tier doj2010Class,
        ClassScale.Tier bainCr4Class,
        ClassScale.Tier bainCr8Class) implements Serializable {

    /** Why a row could or could not be computed; {@link #code()} goes to the table's {@code status} column. */
    public enum Status {
        OK("ok"),
        /** Every value in the scope was 0 (or there were none): shares are undefined. */
        NO_SALES(Codes.NO_SALES);

        private final String code;

        Status(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The value of a scope without sales: a failure is a value, not an exception. */
    public static ConcentrationMetrics noSales() {
        return new ConcentrationMetrics(Status.NO_SALES, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                null, null, null, null);
    }

    public boolean isOk() {
        return status == Status.OK;
    }
}
