package io.marketlens.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.tables.Columns;
import io.marketlens.tables.Tables;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class MetricTableTest {

    /** lifecycle: platform, marketplace, category, stage, yoy_growth, trend, first/last period, months, months used, rows, status. */
    private static Row lifecycleRow(String stage) {
        return RowFactory.create("ALL", "ALL", "toys", stage, 0.12, 0.4, "2023-01", "2024-12", 24, 24, 100L, null);
    }

    @Test
    void rowsTakeTheContractsSchemaSoTheyCanBeReadByColumnName() {
        MetricTable t = MetricTable.local(null, Tables.LIFECYCLE, List.of(lifecycleRow("growth")));

        assertThat(t.name()).isEqualTo("lifecycle");
        assertThat(t.schema().fieldNames()).hasSize(12).startsWith("platform", "marketplace", "category", "stage");
        Row r = t.collect().get(0);
        assertThat((String) r.getAs(Columns.STAGE)).isEqualTo("growth");
        assertThat((Long) r.getAs(Columns.ROWS)).isEqualTo(100L);
    }

    @Test
    void aRowNarrowerThanTheContractIsRefusedNamingTheTable() {
        Row missingStatus = RowFactory.create("ALL", "ALL", "toys", "growth", 0.12, 0.4, "2023-01", "2024-12", 24, 24, 100L);

        assertThatThrownBy(() -> MetricTable.local(null, Tables.LIFECYCLE, List.of(missingStatus)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("table lifecycle has 11 values, its contract declares 12 columns");
    }
}
