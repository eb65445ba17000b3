package io.marketlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.testing.Files2;
import io.marketlens.testing.SparkTestSession;
import io.marketlens.testing.StdStreams;
import io.marketlens.testing.StdStreams.Captured;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 from the command line: a sales export whose timestamps read {@code 05/03/2024 10:00} is quarantined whole; the
 * run says so instead of only that it cannot date itself; with {@code timestamp_pattern} in the config the next ingest reads
 * the file again; {@code --reread} forces it.
 */
class RereadCliTest {

    static final String ORDERS = "order_id,line_id,order_ts,platform,marketplace,category,seller_id,product_id,unit_price,quantity,currency\n"
            + "o1,1,05/03/2024 10:00,amazon,US,Toys,s1,p1,10,1,USD\n"
            + "o2,1,06/03/2024 11:30,amazon,US,Toys,s1,p2,20,2,USD\n"
            + "o3,1,07/03/2024 09:15,amazon,US,Toys,s1,p3,30,3,USD\n";

    @TempDir
    Path dir;

    private Captured marketlens(String... args) {
        return StdStreams.capture(() -> MarketlensCli.execute(args));
    }

    @Test
    void aFileQuarantinedForItsDatesIsReadAgainOnceThePatternIsSetAndOnRequest() {
        SparkTestSession.get();
        Files2.write(dir.resolve("in/sales/orders.csv"), ORDERS);
        Path config = Files2.write(dir.resolve("marketlens.yaml"), "sources:\n  sales:\n    timestamp_pattern: dd/MM/yyyy HH:mm\n");
        String in = dir.resolve("in").toString();
        String wh = dir.resolve("wh").toString();

        Captured run = marketlens("run", "--input", in, "--output", dir.resolve("out").toString(), "--warehouse", wh);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("marketlens: no rows were accepted, so there is no data to date the run by: all 3 rows"
                + " read were quarantined (bad_date:order_ts 3); 'marketlens validate --input " + in + "' lists them; for dates"
                + " written in another form, set sources.sales.timestamp_pattern to the form of order_ts");

        Captured fixed = marketlens("ingest", "--input", in, "--warehouse", wh, "--config", config.toString());
        assertThat(fixed.exitCode()).isZero();
        assertThat(fixed.err()).contains("sales       " + dir.resolve("in/sales/orders.csv") + ": read again: settings of"
                + " sources.sales changed").contains("3 accepted, 0 quarantined");

        Captured same = marketlens("ingest", "--input", in, "--warehouse", wh, "--config", config.toString());
        assertThat(same.exitCode()).isZero();
        assertThat(same.err()).doesNotContain("read again");

        Captured named = marketlens("ingest", "--input", in, "--warehouse", wh, "--config", config.toString(),
                "--reread", "sales/orders.csv");
        assertThat(named.exitCode()).isZero();
        assertThat(named.err()).contains(dir.resolve("in/sales/orders.csv") + ": read again: asked for with --reread")
                .contains("3 accepted, 0 quarantined");

        Captured all = marketlens("ingest", "--input", in, "--warehouse", wh, "--config", config.toString(), "--reread", "--all");
        assertThat(all.exitCode()).isZero();
        assertThat(all.err()).contains(dir.resolve("in/sales/orders.csv") + ": read again: asked for with --reread");
    }

    @Test
    void rereadNeedsAFileOfTheInputFolderOrAll() {
        SparkTestSession.get();
        Files2.write(dir.resolve("in/sales/orders.csv"), ORDERS);
        String in = dir.resolve("in").toString();
        String wh = dir.resolve("wh").toString();

        Captured alone = marketlens("ingest", "--input", in, "--warehouse", wh, "--all");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).isEqualTo("marketlens: --all goes with --reread: --reread --all reads every file of the input"
                + " folder again" + System.lineSeparator());

        Captured none = marketlens("ingest", "--input", in, "--warehouse", wh, "--reread");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("marketlens: --reread needs the files to read again");

        Captured unknown = marketlens("ingest", "--input", in, "--warehouse", wh, "--reread", "sales/nope.csv");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("marketlens: --reread sales/nope.csv: no such file in the input folder " + in
                + " (its files are named like " + dir.resolve("in/sales/orders.csv") + ")");
    }
}
