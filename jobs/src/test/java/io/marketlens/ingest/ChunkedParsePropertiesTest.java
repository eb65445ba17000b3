package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.config.MarketlensConfig;
import io.marketlens.io.Storage;
import io.marketlens.testing.Files2;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;

/**
 * A file cut into chunks at the boundaries the scanner finds parses, chunk by chunk, to exactly the rows
 * of one parse of the whole file — same records, physical line numbers, raw text, verdicts and values —
 * over random text full of quotes, delimiters and line breaks of every kind, with or without a
 * byte-order mark, in UTF-8 or GB18030, and any chunk size.
 */
class ChunkedParsePropertiesTest {

    private static final Storage STORAGE = new Storage(new Configuration());
    private static final List<String> HEADER = List.of("order_id", "line_id", "order_ts", "platform", "marketplace",
            "category", "seller_id", "product_id", "title", "unit_price", "quantity", "currency");

    /** Pieces of text that move the reader between its states, and whole valid rows. */
    private static final List<String> PIECES = List.of(
            "a", "o1", "中文", "é", " ", ",", ";", "\t", "|", "\"", "\"\"", "x\"y", "\n", "\r\n", "\r", "\n\n",
            "\"quoted, with\nline break\"", "\"\"\"\"",
            "o1,1,2024-01-05,amazon,US,Kitchen,s1,p1,\"Mug, 中文\",10.50,2,USD\n",
            "o2,1,2024-01-06,amazon,US,Kitchen,s1,p2,\"two\r\nlines\",3,1,USD\r\n",
            "o1,1,2024-01-07,ebay,DE,Toys,s2,p3,plain,abc,1,USD\n");

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.of(PIECES).list().ofMaxSize(120).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> delimiters() {
        return Arbitraries.of(",", ";", "\t", "|");
    }

    @Property(tries = 400)
    void chunksParseToTheRowsOfTheWholeFile(@ForAll("bodies") String body, @ForAll("delimiters") String delimiter,
                                           @ForAll boolean gb18030, @ForAll boolean byteOrderMark,
                                           @ForAll @IntRange(min = 1, max = 200) int chunkBytes) throws IOException {
        Charset charset = gb18030 ? Charset.forName("GB18030") : StandardCharsets.UTF_8;
        byte[] text = (String.join(delimiter, HEADER) + "\n" + body).getBytes(charset);
        byte[] bytes = text;
        if (byteOrderMark && !gb18030) {
            bytes = new byte[text.length + 3];
            bytes[0] = (byte) 0xEF;
            bytes[1] = (byte) 0xBB;
            bytes[2] = (byte) 0xBF;
            System.arraycopy(text, 0, bytes, 3, text.length);
        }
        MarketlensConfig config = new MarketlensConfig(null, null, null, null, null, null, null,
                Map.of("sales", new SourceOptions(charset.name(), null, null, null, null, null, null, null, null)));
        Path dir = Files.createTempDirectory("chunked-parse");
        try {
            Files2.writeBytes(dir.resolve("sales/export.csv"), bytes);
            InputFile file = new InputScanner(STORAGE, m -> { }, config.ingest(), chunkBytes).scan(dir.toString())
                    .get(Source.SALES).get(0);
            FileParser parser = new FileParser(Source.SALES, config.ingest(), new FxRates("USD", 7), STORAGE.settings());

            List<Row> chunked = new ArrayList<>();
            file.chunks().forEach(c -> parser.parse(c).forEachRemaining(chunked::add));
            InputFile whole = new InputFile(file.source(), file.path(), file.display(), file.sha256(), file.size(),
                    file.modifiedMillis(), file.batch(), Chunking.whole(null));
            List<Row> oneTask = new ArrayList<>();
            parser.parse(whole.chunks().get(0)).forEachRemaining(oneTask::add);

            assertThat(chunked).isEqualTo(oneTask);
            assertThat(file.chunks()).allSatisfy(c -> assertThat(c.end() < 0 || c.end() - c.start() >= chunkBytes).isTrue());

            // the property is only as good as the cutting it sees: most tries must really cut the file
            Statistics.label("chunks").collect(file.chunks().size() == 1 ? "1" : file.chunks().size() <= 5 ? "2-5" : "6+");
            Statistics.label("chunks").coverage(c -> {
                c.check("1").percentage(p -> p < 50);
                c.check("6+").percentage(p -> p > 5);
            });
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
