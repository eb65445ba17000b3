package io.marketlens.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.ingest.Source;
import io.marketlens.io.Storage;
import io.marketlens.run.Progress;
import io.marketlens.run.RunPipeline;
import io.marketlens.run.RunSettings;
import io.marketlens.testing.Files2;
import io.marketlens.testing.SparkTestSession;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseTest {

    static final String HEADER = "order_id,line_id,order_ts,platform,marketplace,category,seller_id,product_id,unit_price,quantity,currency\n";

    @TempDir
    Path dir;

    private final SparkSession spark = SparkTestSession.get();
    private final Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());

    private RunPipeline.Outcome ingest(Path input) {
        RunSettings settings = new RunSettings(input.toString(), null, dir.resolve("wh").toString(), null, MarketlensConfig.defaults());
        return new RunPipeline(spark, new Progress(new PrintStream(PrintStream.nullOutputStream()))).ingestOnly(settings);
    }

    private Warehouse warehouse() {
        return Warehouse.open(spark, storage, dir.resolve("wh").toString());
    }

    private List<String> sales() {
        return warehouse().table(spark, Source.SALES).orElseThrow().orderBy("order_id").collectAsList().stream()
                .map(r -> r.getAs("order_id") + "=" + r.<java.math.BigDecimal>getAs("unit_price").stripTrailingZeros().toPlainString())
                .toList();
    }

    private static void touch(Path file, String instant) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(instant)));
    }

    @Test
    void ingestingTheSameFileAgainChangesNothing() throws Exception {
        Path f = Files2.write(dir.resolve("in/sales/day1.csv"), HEADER
                + "o1,1,2024-01-01,amazon,US,Toys,s1,p1,10,1,USD\n"
                + "o2,1,2024-01-01,amazon,US,Toys,s1,p2,oops,1,USD\n");
        ingest(dir.resolve("in"));
        String versionsBefore = versions();
        List<String> rowsBefore = sales();

        // the same bytes again, under the same name and under a new name, with a newer modification time
        Files.copy(f, dir.resolve("in/sales/day1-again.csv"));
        touch(f, "2030-01-01T00:00:00Z");
        RunPipeline.Outcome again = ingest(dir.resolve("in"));

        assertThat(again.ingest().newFiles()).isEmpty();
        assertThat(versions()).isEqualTo(versionsBefore).isEqualTo("seq 1, sales 0");
        assertThat(sales()).isEqualTo(rowsBefore).containsExactly("o1=10");
        // the delivery taken first (the older modification time: the copy) reports the counts of the first run; the
        // other holds the same bytes in the same run: no rows of its own, a duplicate of the first
        assertThat(again.ingest().files()).extracting(s -> s.file().replaceAll(".*/", "") + " " + s.rowsRead() + "/"
                + s.rowsAccepted() + "/" + s.rowsQuarantined() + " " + (s.duplicateOf() == null ? "-" : s.duplicateOf()
                .replaceAll(".*/", ""))).containsExactly("day1-again.csv 2/1/1 -", "day1.csv 0/0/0 day1-again.csv");
        assertThat(warehouse().quarantine(spark).count()).isEqualTo(1);
    }

    @Test
    void aCorrectedReExportReplacesTheRowsItCorrects() throws Exception {
        Files2.write(dir.resolve("in/sales/orders.csv"), HEADER
                + "o1,1,2024-01-01,amazon,US,Toys,s1,p1,10,1,USD\n"
                + "o2,1,2024-01-01,amazon,US,Toys,s1,p2,20,1,USD\n");
        ingest(dir.resolve("in"));
        assertThat(sales()).containsExactly("o1=10", "o2=20");

        // next night: a correction of o2 and a new order o3, in a new file
        Files2.write(dir.resolve("in2/sales/orders-corrected.csv"), HEADER
                + "o2,1,2024-01-01,amazon,US,Toys,s1,p2,25,1,USD\n"
                + "o3,1,2024-01-02,amazon,US,Toys,s1,p3,30,1,USD\n");
        ingest(dir.resolve("in2"));
        assertThat(sales()).containsExactly("o1=10", "o2=25", "o3=30");
        assertThat(versions()).isEqualTo("seq 2, sales 1");
        assertThat(warehouse().changedMonths(Source.SALES, 0)).contains(java.util.Set.of("2024-01"));
    }

    @Test
    void aMergeRewritesOnlyTheMonthsItTouches() throws Exception {
        ingestOneOrderInEachOfJanuaryToMarch();
        List<String> februaryBefore = dataFiles("2024-02");
        // a new table of rows held on the driver: one file per month
        assertThat(List.of(dataFiles("2024-01").size(), februaryBefore.size(), dataFiles("2024-03").size())).containsOnly(1);

        // a correction of the January line that also moves it to April, and a new May order
        Files2.write(dir.resolve("in2/sales/correction.csv"), HEADER
                + "o1,1,2024-04-01,amazon,US,Toys,s1,p1,12,1,USD\n"
                + "o4,1,2024-05-02,amazon,US,Toys,s1,p4,40,1,USD\n");
        ingest(dir.resolve("in2"));

        assertThat(sales()).containsExactly("o1=12", "o2=20", "o3=30", "o4=40");
        assertThat(warehouse().table(spark, Source.SALES, java.util.Set.of("2024-01")).orElseThrow().count())
                .as("the moved line left January").isZero();
        assertThat(warehouse().changedMonths(Source.SALES, 0)).contains(java.util.Set.of("2024-01", "2024-04", "2024-05"));
        assertThat(dataFiles("2024-02")).as("February's file is untouched").isEqualTo(februaryBefore);
        assertThat(dataFiles("2024-03")).hasSize(1);
    }

    @Test
    void rowsComparedOnTheDriverMergeAsRowsComparedInTasksDo() throws Exception {
        ingestOneOrderInEachOfJanuaryToMarch();
        Path copy = dir.resolve("wh-copy");
        org.apache.commons.io.FileUtils.copyDirectory(dir.resolve("wh").toFile(), copy.toFile());
        // tonight: o1 moved to April and repriced, o2 exported again unchanged, o3 twice (two files: the newer wins), o5 new
        Path first = Files2.write(dir.resolve("in2/sales/a.csv"), HEADER
                + "o1,1,2024-04-01,amazon,US,Toys,s1,p1,12,1,USD\n"
                + "o2,1,2024-02-10,amazon,US,Toys,s1,p2,20,1,USD\n"
                + "o3,1,2024-03-10,amazon,US,Toys,s1,p3,31,1,USD\n");
        Path second = Files2.write(dir.resolve("in2/sales/b.csv"), HEADER
                + "o3,1,2024-03-10,amazon,US,Toys,s1,p3,32,1,USD\n"
                + "o5,1,2024-05-02,amazon,US,Toys,s1,p5,50,1,USD\n");
        touch(first, "2024-06-01T00:00:00Z");
        touch(second, "2024-06-02T00:00:00Z");

        List<String> tables = new java.util.ArrayList<>();
        for (boolean inTasks : new boolean[]{false, true}) {
            String root = (inTasks ? copy : dir.resolve("wh")).toString();
            Warehouse w = Warehouse.open(spark, storage, root);
            io.marketlens.ingest.IngestResult r = new io.marketlens.ingest.Ingestor(spark, MarketlensConfig.defaults().ingest(), storage,
                    m -> { }).ingest(dir.resolve("in2").toString(), w, w.nextBatch());
            assertThat(r.accepted().get(Source.SALES).isLocal()).as("tonight's small files are parsed on the driver").isTrue();
            assertThat(r.repeatsAcrossFiles()).containsExactly(Source.SALES);
            if (inTasks) {
                java.util.Map<Source, org.apache.spark.sql.Dataset<Row>> distributed = new java.util.EnumMap<>(Source.class);
                r.accepted().forEach((source, rows) -> distributed.put(source, rows.repartition(2)));
                r = new io.marketlens.ingest.IngestResult(r.files(), r.newFiles(), r.reread(), r.presets(), distributed, r.quarantine(),
                        r.noQuarantine(), r.repeatsAcrossFiles(), r.fx(), r.release(), r.skipped());
                assertThat(r.accepted().get(Source.SALES).isLocal()).isFalse();
            }
            w.commit(spark, r);
            Warehouse after = Warehouse.open(spark, storage, root);
            tables.add(after.table(spark, Source.SALES).orElseThrow().orderBy("order_id").collectAsList().stream()
                    .map(x -> x.getAs("order_id") + "=" + x.<java.math.BigDecimal>getAs("unit_price").stripTrailingZeros()
                            .toPlainString() + "@" + x.getAs("_file").toString().replaceAll(".*/", ""))
                    .toList() + " changed " + after.changedMonths(Source.SALES, 0).orElseThrow());
        }
        assertThat(tables.get(0)).isEqualTo("[o1=12@a.csv, o2=20@orders.csv, o3=32@b.csv, o5=50@b.csv]"
                + " changed [2024-01, 2024-03, 2024-04, 2024-05]");
        assertThat(tables.get(1)).isEqualTo(tables.get(0));
    }

    /** o1, o2, o3 ordered in January, February and March 2024 at 10, 20 and 30 USD, ingested from {@code in/}. */
    private void ingestOneOrderInEachOfJanuaryToMarch() {
        Files2.write(dir.resolve("in/sales/orders.csv"), HEADER
                + "o1,1,2024-01-10,amazon,US,Toys,s1,p1,10,1,USD\n"
                + "o2,1,2024-02-10,amazon,US,Toys,s1,p2,20,1,USD\n"
                + "o3,1,2024-03-10,amazon,US,Toys,s1,p3,30,1,USD\n");
        ingest(dir.resolve("in"));
    }

    /** The data files of one month of the sales table. */
    private List<String> dataFiles(String month) throws Exception {
        try (var files = Files.list(dir.resolve("wh/sales/_month=" + month))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).sorted().toList();
        }
    }

    /** The warehouse's commit count and the sales table's Delta version. */
    private String versions() {
        Warehouse w = warehouse();
        return "seq " + w.seq() + ", sales " + w.version(Source.SALES);
    }

    /**
     * A warehouse written before the sales lines had their traffic (sessions, page_views, buy_box_pct): its sales table
     * reads them as empty, and the next commit adds them — in a commit that changes no month — before it stores the new
     * lines; a correction merged later fills them in for its line.
     */
    @Test
    void aSalesTableWithoutTheTrafficColumnsTakesThemOnTheNextCommit() throws Exception {
        ingestOneOrderInEachOfJanuaryToMarch();
        // the sales table as it was written before: the same rows, partitioned by month, without the three columns
        String path = dir.resolve("wh/sales").toString();
        org.apache.spark.sql.Dataset<Row> before = spark.read().format("delta").load(path)
                .drop("sessions", "page_views", "buy_box_pct");
        List<Row> oldRows = before.collectAsList();
        org.apache.spark.sql.types.StructType oldSchema = before.schema();
        org.apache.commons.io.FileUtils.deleteDirectory(dir.resolve("wh/sales").toFile());
        spark.createDataFrame(oldRows, oldSchema).write().format("delta").partitionBy(Warehouse.MONTH)
                .option("userMetadata", Warehouse.MONTHS_TAG + Warehouse.ALL_MONTHS).save(path);
        assertThat(spark.read().format("delta").load(path).columns()).doesNotContain("sessions", "page_views", "buy_box_pct");
        assertThat(warehouse().addedColumns(Source.SALES)).extracting(f -> f.name() + " " + f.dataType().sql())
                .containsExactly("sessions BIGINT", "page_views BIGINT", "buy_box_pct DOUBLE");
        // read as it is: the three columns empty
        assertThat(traffic()).containsExactly("o1 null/null/null", "o2 null/null/null", "o3 null/null/null");

        // a new April line with its traffic: the columns are added (version 1, no month), then the line appended (2)
        String header = HEADER.strip() + ",sessions,page_views,buy_box_pct\n";
        Files2.write(dir.resolve("in2/sales/april.csv"), header + "o4,1,2024-04-10,amazon,US,Toys,s1,p4,40,1,USD,\"13,910\",18499,75.71%\n");
        ingest(dir.resolve("in2"));
        assertThat(spark.read().format("delta").load(path).columns()).contains("sessions", "page_views", "buy_box_pct");
        assertThat(warehouse().addedColumns(Source.SALES)).isEmpty();
        assertThat(warehouse().version(Source.SALES)).isEqualTo(2);
        assertThat(warehouse().changedMonths(Source.SALES, 0)).contains(java.util.Set.of("2024-04"));
        assertThat(warehouse().changedMonths(Source.SALES, 1)).contains(java.util.Set.of("2024-04"));
        assertThat(traffic()).containsExactly("o1 null/null/null", "o2 null/null/null", "o3 null/null/null",
                "o4 13910/18499/0.7571");

        // a correction of o2 with its traffic: merged into the row that had none
        Files2.write(dir.resolve("in3/sales/february.csv"), header + "o2,1,2024-02-10,amazon,US,Toys,s1,p2,20,1,USD,50,60,100%\n");
        ingest(dir.resolve("in3"));
        assertThat(warehouse().changedMonths(Source.SALES, 2)).contains(java.util.Set.of("2024-02"));
        assertThat(traffic()).containsExactly("o1 null/null/null", "o2 50/60/1.0", "o3 null/null/null",
                "o4 13910/18499/0.7571");
        assertThat(sales()).containsExactly("o1=10", "o2=20", "o3=30", "o4=40");
    }

    /** Each sales line's order and its sessions/page views/buy-box share. */
    private List<String> traffic() {
        return warehouse().table(spark, Source.SALES).orElseThrow().orderBy("order_id").collectAsList().stream()
                .map(r -> r.getAs("order_id") + " " + r.getAs("sessions") + "/" + r.getAs("page_views") + "/"
                        + r.getAs("buy_box_pct"))
                .toList();
    }

    @Test
    void rowsWaitingForAnFxRateAreAcceptedWhenTheRateArrives() {
        Files2.write(dir.resolve("night1/sales/eu.csv"), HEADER
                + "o1,1,2024-01-05,amazon,DE,Toys,s1,p1,10,1,EUR\n"
                + "o2,1,2024-01-05,amazon,US,Toys,s1,p2,20,1,USD\n");
        RunPipeline.Outcome first = ingest(dir.resolve("night1"));
        assertThat(first.ingest().files().get(0).reasons()).isEqualTo(java.util.Map.of("fx_rate_missing", 1L));

        // next night the same export is still there, and the rates arrive
        Files2.write(dir.resolve("night2/sales/eu.csv"), Files2.read(dir.resolve("night1/sales/eu.csv")));
        Files2.write(dir.resolve("night2/fx_rates/eur.csv"), "date,currency,rate_to_base\n2024-01-02,EUR,1.09\n");
        RunPipeline.Outcome second = ingest(dir.resolve("night2"));

        assertThat(second.ingest().reread()).hasSize(1);
        assertThat(second.ingest().files()).extracting(f -> f.source() + " " + f.rowsAccepted() + "+" + f.rowsQuarantined())
                .containsExactly("fx_rates 1+0", "sales 2+0");
        assertThat(sales()).containsExactly("o1=10", "o2=20");
        assertThat(warehouse().table(spark, Source.SALES).orElseThrow().filter("order_id = 'o1'").first()
                .<Double>getAs("unit_price_base")).isEqualTo(10.9);
        assertThat(warehouse().quarantine(spark).count()).isZero();
        assertThat(warehouse().registry()).hasSize(2);
    }

    @Test
    void withinOneRunTheNewerFileWins() throws Exception {
        Path older = Files2.write(dir.resolve("in/sales/b-first.csv"), HEADER + "o1,1,2024-01-01,amazon,US,Toys,s1,p1,10,1,USD\n");
        Path newer = Files2.write(dir.resolve("in/sales/a-second.csv"), HEADER + "o1,1,2024-01-01,amazon,US,Toys,s1,p1,11,1,USD\n");
        touch(older, "2024-01-02T00:00:00Z");
        touch(newer, "2024-01-03T00:00:00Z");
        ingest(dir.resolve("in"));
        assertThat(sales()).containsExactly("o1=11");
    }

    @Test
    void aSecondRunOnTheSameWarehouseIsRefused() {
        Warehouse w = Warehouse.open(spark, storage, dir.resolve("wh").toString());
        try (WarehouseLock held = w.lock("first")) {
            assertThatThrownBy(() -> w.lock("second"))
                    .isInstanceOf(WarehouseBusyException.class)
                    .hasMessageContaining("in use by another marketlens run")
                    .hasMessageContaining("run first");
        }
        try (WarehouseLock again = w.lock("third")) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void anUnreadableFileLeavesTheWarehouseAsItWas() {
        Files2.write(dir.resolve("in/sales/good.csv"), HEADER + "o1,1,2024-01-01,amazon,US,Toys,s1,p1,10,1,USD\n");
        ingest(dir.resolve("in"));
        String before = versions();

        Files2.write(dir.resolve("in2/sales/more.csv"), HEADER + "o5,1,2024-01-01,amazon,US,Toys,s1,p1,10,1,USD\n");
        Files2.write(dir.resolve("in2/logistics/broken.csv"), "shipment_id,carrier\nx,DHL\n");
        assertThatThrownBy(() -> ingest(dir.resolve("in2"))).hasMessageContaining("broken.csv").hasMessageContaining("destination_country");
        assertThat(versions()).isEqualTo(before);
        assertThat(sales()).containsExactly("o1=10");
    }

    @Test
    void rowsWithTheSameKeyKeepTheHighestBatchThenTheLastLine() {
        List<Row> rows = List.of(
                org.apache.spark.sql.RowFactory.create("k1", 1L, 5L, "old"),
                org.apache.spark.sql.RowFactory.create("k1", 2L, 1L, "new"),
                org.apache.spark.sql.RowFactory.create("k2", 1L, 1L, "a"),
                org.apache.spark.sql.RowFactory.create("k2", 1L, 9L, "b"));
        var schema = new org.apache.spark.sql.types.StructType().add("shipment_id", "string").add("_batch", "long")
                .add("_line", "long").add("v", "string");
        List<Row> kept = io.marketlens.ingest.StoredInputs.newestPerKey(spark.createDataFrame(rows, schema), Source.LOGISTICS)
                .orderBy("shipment_id").collectAsList();
        assertThat(kept).extracting(r -> r.getString(0) + "=" + r.getString(3)).containsExactly("k1=new", "k2=b");
    }
}
