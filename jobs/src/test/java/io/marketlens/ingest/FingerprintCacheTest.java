package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.io.Storage;
import io.marketlens.testing.SparkTestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input files unchanged since an earlier run keep their fingerprint without being read through again. */
class FingerprintCacheTest {

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    @TempDir
    Path dir;

    @Test
    void aFingerprintHoldsForTheSameSizeAndTimeOnlyWhenTheFileHadSettledBeforeItWasRead() {
        Map<String, FingerprintCache.Entry> files = new LinkedHashMap<>();
        files.put("file:/in/sales/b.csv", new FingerprintCache.Entry(10, 1_000, 3_000, SHA_A, 4));
        files.put("file:/in/sales/a.csv", new FingerprintCache.Entry(20, 5_000, 6_999, SHA_B, -1));
        files.put("file:/in/sales/tab\there.csv", new FingerprintCache.Entry(30, 1_000, 9_000, SHA_A, 1));
        String text = FingerprintCache.text(files);
        assertThat(text).isEqualTo("marketlens-fingerprints\t1\n"
                + "file:/in/sales/a.csv\t20\t5000\t6999\t" + SHA_B + "\t-1\n"
                + "file:/in/sales/b.csv\t10\t1000\t3000\t" + SHA_A + "\t4\n");
        FingerprintCache cache = FingerprintCache.parse(text).orElseThrow();
        assertThat(cache.size()).isEqualTo(2);
        // read 2 s after its last change: trusted for that size and time only
        assertThat(cache.lookup("file:/in/sales/b.csv", 10, 1_000)).contains(files.get("file:/in/sales/b.csv"));
        assertThat(cache.lookup("file:/in/sales/b.csv", 11, 1_000)).isEmpty();
        assertThat(cache.lookup("file:/in/sales/b.csv", 10, 1_001)).isEmpty();
        assertThat(cache.lookup("file:/in/sales/c.csv", 10, 1_000)).isEmpty();
        // read 1.999 s after its last change: it could still change within the same tick of a coarse clock
        assertThat(cache.lookup("file:/in/sales/a.csv", 20, 5_000)).isEmpty();
        assertThat(FingerprintCache.parse("something else\n")).isEmpty();
        assertThat(FingerprintCache.parse(text.replace("\t-1\n", "\tminus one\n"))).isEmpty();
    }

    private final SparkSession spark = SparkTestSession.get();
    private final Storage storage = new Storage(SparkTestSession.get().sparkContext().hadoopConfiguration());

    /** A store with the given registry, keeping the fingerprints in {@code dir/warehouse/_cache}. */
    private StoredInputs store(Map<String, FileStats> registry) {
        String cacheFile = dir.resolve("warehouse/_cache/fingerprints.tsv").toString();
        return new StoredInputs() {
            @Override
            public Map<String, FileStats> registry() {
                return registry;
            }

            @Override
            public Optional<Dataset<Row>> table(SparkSession session, Source source) {
                return Optional.empty();
            }

            @Override
            public Optional<String> fingerprintCache() {
                return Optional.of(cacheFile);
            }
        };
    }

    /** Ingests {@code input} and keeps the fingerprints, as the warehouse's commit does. */
    private IngestResult ingest(Path input, Map<String, FileStats> registry) {
        StoredInputs store = store(registry);
        IngestResult r = new Ingestor(spark, MarketlensConfig.defaults().ingest(), storage, m -> { }, Ingestor.CHUNK_BYTES)
                .ingest(input.toString(), store, 1_000_000L);
        r.release().run();
        assertThat(FingerprintCache.save(storage, store.fingerprintCache().orElseThrow(), r.fingerprints())).isEmpty();
        return r;
    }

    @Test
    void theWarehouseKeepsTheFingerprintsOfTheFilesItCommits() throws Exception {
        Path file = export(ONE_LINE);
        String root = dir.resolve("warehouse").toString();
        io.marketlens.warehouse.Warehouse warehouse = io.marketlens.warehouse.Warehouse.open(spark, storage, root);
        IngestResult r = new Ingestor(spark, MarketlensConfig.defaults().ingest(), storage, m -> { }, Ingestor.CHUNK_BYTES)
                .ingest(dir.resolve("input").toString(), warehouse, warehouse.nextBatch());
        try {
            warehouse.commit(spark, r);
        } finally {
            r.release().run();
        }
        assertThat(warehouse.fingerprintCache()).contains(root + "/_cache/fingerprints.tsv");
        FingerprintCache.Entry e = kept(file);
        assertThat(e.sha256()).isEqualTo(sha256(file));
        assertThat(e.lines()).isEqualTo(2);
        assertThat(e.size()).isEqualTo(Files.size(file));
    }

    private FingerprintCache.Entry kept(Path file) {
        FingerprintCache cache = FingerprintCache.load(storage, dir.resolve("warehouse/_cache/fingerprints.tsv").toString());
        return cache.entries().stream().filter(e -> e.getKey().endsWith(file.getFileName().toString())).findFirst()
                .orElseThrow().getValue();
    }

    private static final String ONE_LINE = "o1,1,2024-01-05 10:00:00,amazon,US,Kitchen,s1,p1,10.50,2,USD,shipped\n";

    /** {@code input/sales/orders.csv} with the sales header and {@code rows}. */
    private Path export(String rows) throws java.io.IOException {
        Path file = Files.createDirectories(dir.resolve("input/sales")).resolve("orders.csv");
        Files.writeString(file, IngestorTest.SALES_HEADER + rows, StandardCharsets.UTF_8);
        return file;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static Map<String, FileStats> registryOf(IngestResult r) {
        Map<String, FileStats> out = new LinkedHashMap<>();
        r.newFiles().forEach(f -> out.put(f.source() + ":" + f.sha256(), f));
        return out;
    }

    @Test
    void anUnchangedFileIsNotReadThroughAgainAndAChangedOneIs() throws Exception {
        Path file = export(ONE_LINE + "o2,1,2024-01-06 10:00:00,amazon,US,Kitchen,s1,p2,7.00,1,USD,shipped\n");
        long hourAgo = System.currentTimeMillis() / 1000 * 1000 - 3_600_000;
        Files.setLastModifiedTime(file, FileTime.fromMillis(hourAgo));

        IngestResult first = ingest(dir.resolve("input"), Map.of());
        String sha = sha256(file);
        assertThat(first.newFiles()).singleElement().satisfies(f -> assertThat(f.sha256()).isEqualTo(sha));
        FingerprintCache.Entry taken = kept(file);
        assertThat(taken.sha256()).isEqualTo(sha);
        assertThat(taken.size()).isEqualTo(Files.size(file));
        assertThat(taken.modifiedMillis()).isEqualTo(hourAgo);
        assertThat(taken.lines()).isEqualTo(3);

        // the next night: the file is known and kept its size and time, so its fingerprint is the one taken before
        Thread.sleep(5);
        IngestResult second = ingest(dir.resolve("input"), registryOf(first));
        assertThat(second.newFiles()).isEmpty();
        assertThat(kept(file)).isEqualTo(taken);

        // rewritten (another quantity, the same size) a minute later: read through, and read as a new file
        Files.writeString(file, Files.readString(file).replace("p2,7.00,1,", "p2,7.00,3,"), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(hourAgo + 60_000));
        IngestResult third = ingest(dir.resolve("input"), registryOf(first));
        assertThat(sha256(file)).isNotEqualTo(sha);
        assertThat(third.newFiles()).singleElement().satisfies(f -> assertThat(f.sha256()).isEqualTo(sha256(file)));
        assertThat(kept(file).sha256()).isEqualTo(sha256(file));
        assertThat(kept(file).scannedMillis()).isGreaterThan(taken.scannedMillis());
    }

    @Test
    void aFileWhoseTimeIsNotTwoSecondsBeforeItsReadingIsReadThroughAgainNextTime() throws Exception {
        Path file = export(ONE_LINE);
        // a time not yet 2 s past when it is read (as for a file changed while it is read, or a clock ahead)
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        IngestResult first = ingest(dir.resolve("input"), Map.of());
        FingerprintCache.Entry taken = kept(file);
        Thread.sleep(5);
        ingest(dir.resolve("input"), registryOf(first));
        assertThat(kept(file).scannedMillis()).isGreaterThan(taken.scannedMillis());
        assertThat(kept(file).sha256()).isEqualTo(taken.sha256());
    }

    @Test
    void aFileToBeReadAgainWhoseBytesChangedUnderTheSameSizeAndTimeIsReadAsTheNewFileItIs() throws Exception {
        Path file = export(ONE_LINE);
        long hourAgo = System.currentTimeMillis() / 1000 * 1000 - 3_600_000;
        Files.setLastModifiedTime(file, FileTime.fromMillis(hourAgo));
        IngestResult first = ingest(dir.resolve("input"), Map.of());
        String before = sha256(file);
        // the stored entry says it was read under other settings: tonight reads it again, so it must be parsed
        Map<String, FileStats> registry = new LinkedHashMap<>();
        first.newFiles().forEach(f -> registry.put(f.source() + ":" + f.sha256(), f.withSettings("other settings")));
        // and its bytes changed, its size and time given back
        Files.writeString(file, Files.readString(file).replace(",2,USD", ",3,USD"), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(hourAgo));
        IngestResult second = ingest(dir.resolve("input"), registry);
        assertThat(sha256(file)).isNotEqualTo(before);
        assertThat(second.reread()).isEmpty();
        assertThat(second.newFiles()).singleElement().satisfies(f -> {
            assertThat(f.sha256()).isEqualTo(sha256(file));
            assertThat(f.rowsAccepted()).isEqualTo(1);
        });
        assertThat(kept(file).sha256()).isEqualTo(sha256(file));
    }
}
