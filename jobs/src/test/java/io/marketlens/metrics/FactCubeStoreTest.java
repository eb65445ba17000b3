package io.marketlens.metrics;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.fact.AnalysisPeriod;
import io.marketlens.fact.MarketFact;
import io.marketlens.io.Storage;
import io.marketlens.tables.Columns;
import io.marketlens.testing.FactRows;
import io.marketlens.testing.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cube kept between runs ({@link FactCubeStore}): put together from the copy and the months changed since, it is the
 * cube a read of the whole fact gives — the same rows in the same order, the same codes, byte for byte as
 * {@link FactCube#write} writes them — and a copy it cannot trust is not used.
 */
class FactCubeStoreTest {

    private final SparkSession spark = SparkTestSession.get();
    private final Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());

    @TempDir
    Path dir;

    /** A fact row with every column the cube reads: brand, title, attributes, launch date, rating, reviews, price. */
    private static Row row(String category, String period, String product, String seller, long units, double revenue,
                           String brand, String title) {
        boolean sales = seller.startsWith("own");
        return RowFactory.create("amazon", "US", category, period, product, seller, brand,
                sales ? MarketFact.SALES : MarketFact.COMPETITORS, units, revenue, sales ? units : null, title,
                sales ? null : "color:red", sales ? null : LocalDate.parse(period + "-01").minusMonths(2),
                sales ? null : 4.5, sales ? null : 10L * units, revenue / units);
    }

    /** Six months, a few rows each, three products with brands and titles that come and go. */
    private static List<Row> history() {
        List<Row> rows = new ArrayList<>();
        String[] months = {"2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"};
        for (int m = 0; m < months.length; m++) {
            rows.add(row("Toys", months[m], "p1", "own1", 3 + m, 30.0 + m * 0.1, "Acme", "Toy car"));
            rows.add(row("Toys", months[m], "p2", "s2", 5, 47.5, m % 2 == 0 ? "Beta" : null, "Toy boat " + m));
            rows.add(row("Games", months[m], "p3", "s3", 1 + m, 9.99 * (1 + m), " Gamma ", null));
        }
        return rows;
    }

    private void write(List<Row> rows, SaveMode mode, String replaceWhere) {
        var w = spark.createDataFrame(rows, FactRows.SCHEMA).repartition(col(Columns.PERIOD)).write().format("delta")
                .partitionBy(Columns.PERIOD).mode(mode);
        if (replaceWhere != null) {
            w = w.option("replaceWhere", replaceWhere);
        }
        w.save(table());
    }

    private String table() {
        return dir.resolve("warehouse/fact").toString();
    }

    private FactCubeStore store() {
        return new FactCubeStore(storage, dir.resolve("warehouse").toString());
    }

    private FactCube full(AnalysisPeriod period) {
        return FactCube.load(spark.read().format("delta").load(table()).filter(col(Columns.PERIOD).leq(period.lastPeriod())),
                period);
    }

    private static byte[] bytes(FactCube cube) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            cube.write(out);
        }
        return b.toByteArray();
    }

    @Test
    void aNightAfterTheFirstReadsOnlyTheChangedMonthsAndGivesTheCubeOfAFullRead() throws IOException {
        AnalysisPeriod november = new AnalysisPeriod(LocalDate.parse("2024-11-30"), 3);
        write(history(), SaveMode.Overwrite, null);
        FactCubeStore.Loaded first = store().load(spark, table(), november);
        assertThat(first.how()).isEqualTo("read in full (no copy of an earlier run's cube)");
        assertThat(first.cube().rows()).isEqualTo(15); // 3 rows × July to November
        assertThat(bytes(first.cube())).isEqualTo(bytes(full(november)));

        // the night: September's rows replaced (p2 gone, a new product with a new brand), December complete
        write(List.of(row("Toys", "2024-09", "p1", "own1", 7, 70.0, "Acme", "Toy car"),
                        row("Garden", "2024-09", "p9", "s9", 2, 19.5, "Delta", "Rake")),
                SaveMode.Overwrite, "period = '2024-09'");
        AnalysisPeriod december = new AnalysisPeriod(LocalDate.parse("2024-12-31"), 3);
        FactCubeStore.Loaded night = store().load(spark, table(), december);
        // September was replaced, December is after the copy's last month; July, August, October, November are kept
        assertThat(night.how()).isEqualTo("2 month(s) read from the fact, 4 kept from the last run's copy");
        FactCube expected = full(december);
        assertThat(night.cube().rows()).isEqualTo(17).isEqualTo(expected.rows());
        assertThat(bytes(night.cube())).isEqualTo(bytes(expected));
        // the scopes and sums derived from the rows: ALL/ALL/ALL over the window October..December
        int all = night.cube().scope(FactCube.ALL, FactCube.ALL, FactCube.ALL);
        int key = all * night.cube().labels() + night.cube().window();
        // October 30.3 + 47.5 + 39.96, November 30.4 + 47.5 + 49.95, December 30.5 + 47.5 + 59.94: 383.55
        assertThat(night.cube().totals().revenue()[key]).isCloseTo(383.55, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(night.cube().totals().revenue()[key]).isEqualTo(expected.totals().revenue()[key]);
        assertThat(night.cube().scopes()).isEqualTo(expected.scopes());

        // nothing changed since: the copy alone, no month read
        FactCubeStore.Loaded again = store().load(spark, table(), december);
        assertThat(again.how()).isEqualTo("0 month(s) read from the fact, 6 kept from the last run's copy");
        assertThat(bytes(again.cube())).isEqualTo(bytes(expected));
    }

    @Test
    void aNightThatReplacesTheLastMonthKeepsTheCodesOfTheMonthsBeforeAndDropsTheTextsOnlyItHad() throws IOException {
        write(history(), SaveMode.Overwrite, null);
        AnalysisPeriod november = new AnalysisPeriod(LocalDate.parse("2024-11-30"), 3);
        store().load(spark, table(), november);
        // November replaced: p2's row ("Toy boat 4", the only row of that title) is gone, p3 sells under a new brand and
        // the title p2 had in July, a new product comes in; December is new
        write(List.of(row("Toys", "2024-11", "p1", "own1", 8, 80.0, "Acme", "Toy car"),
                        row("Games", "2024-11", "p3", "s3", 2, 19.98, "Omega", "Toy boat 0"),
                        row("Toys", "2024-11", "p4", "s4", 1, 12.0, "Zeta", "Kite")),
                SaveMode.Overwrite, "period = '2024-11'");
        AnalysisPeriod december = new AnalysisPeriod(LocalDate.parse("2024-12-31"), 3);
        FactCubeStore.Loaded night = store().load(spark, table(), december);
        assertThat(night.how()).isEqualTo("2 month(s) read from the fact, 4 kept from the last run's copy");
        FactCube expected = full(december);
        // July to October 3 rows each, November 3, December 3
        assertThat(night.cube().rows()).isEqualTo(18).isEqualTo(expected.rows());
        assertThat(bytes(night.cube())).isEqualTo(bytes(expected));
        // the titles in order of first appearance: "Toy car", "Toy boat 0".."Toy boat 3" (July to October), then
        // November's "Kite", then December's "Toy boat 5"; "Toy boat 4" is in no row any more
        assertThat(java.util.stream.IntStream.range(0, night.cube().titles.size()).mapToObj(night.cube().titles::text))
                .containsExactly("Toy car", "Toy boat 0", "Toy boat 1", "Toy boat 2", "Toy boat 3", "Kite", "Toy boat 5");
        assertThat(night.cube().brands.find("Omega")).isEqualTo(night.cube().brands.size() - 2);
    }

    @Test
    void anEarlierAsOfDateKeepsOnlyTheMonthsUpToItsLastFullMonth() throws IOException {
        write(history(), SaveMode.Overwrite, null);
        store().load(spark, table(), new AnalysisPeriod(LocalDate.parse("2024-12-31"), 3));
        AnalysisPeriod september = new AnalysisPeriod(LocalDate.parse("2024-09-30"), 3);
        FactCubeStore.Loaded earlier = store().load(spark, table(), september);
        assertThat(earlier.how()).isEqualTo("0 month(s) read from the fact, 3 kept from the last run's copy");
        assertThat(bytes(earlier.cube())).isEqualTo(bytes(full(september)));
    }

    @Test
    void aDamagedCopyIsNotUsedAndIsWrittenAgain() throws IOException {
        AnalysisPeriod december = new AnalysisPeriod(LocalDate.parse("2024-12-31"), 3);
        write(history(), SaveMode.Overwrite, null);
        store().load(spark, table(), december);
        Path copy = dir.resolve("warehouse").resolve(FactCubeStore.DIR).resolve(FactCubeStore.FILE);
        byte[] b = Files.readAllBytes(copy);
        b[b.length / 2] ^= 0x10; // one bit in the middle of the compressed cube
        Files.write(copy, b);
        Files.deleteIfExists(copy.resolveSibling("." + FactCubeStore.FILE + ".crc")); // Hadoop's own checksum would say it first
        FactCubeStore.Loaded read = store().load(spark, table(), december);
        assertThat(read.how()).startsWith("read in full (the copy cannot be read: ");
        assertThat(bytes(read.cube())).isEqualTo(bytes(full(december)));
        assertThat(store().load(spark, table(), december).how())
                .isEqualTo("0 month(s) read from the fact, 6 kept from the last run's copy");
    }

    @Test
    void aCopyOfAnotherTableShapeOrANewerVersionIsNotUsed() throws IOException {
        AnalysisPeriod december = new AnalysisPeriod(LocalDate.parse("2024-12-31"), 3);
        write(history(), SaveMode.Overwrite, null);
        FactCube cube = store().load(spark, table(), december).cube();
        store().save(cube, 7, spark.read().format("delta").load(table()).schema().json(), FactCube.monthNumber(december.lastMonth()));
        assertThat(store().load(spark, table(), december).how())
                .isEqualTo("read in full (the copy is of version 7, newer than the fact table's 0)");
        store().save(cube, 0, "{}", FactCube.monthNumber(december.lastMonth()));
        assertThat(store().load(spark, table(), december).how())
                .isEqualTo("read in full (the fact table's columns changed since the copy)");
    }
}
