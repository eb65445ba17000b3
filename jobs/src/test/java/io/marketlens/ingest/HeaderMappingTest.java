package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mapping an export's header onto the canonical columns (SPEC §2: case-insensitive names, configured aliases). */
class HeaderMappingTest {

    static final String FILE = "in/sales/export.csv";

    static List<String> canonicalHeader(Source source) {
        List<String> h = new ArrayList<>();
        for (ColumnSpec c : source.columns()) {
            h.add(c.name());
        }
        return h;
    }

    static SourceOptions aliases(Map<String, List<String>> columns) {
        return new SourceOptions(null, null, null, null, null, rules(columns), null, null, null);
    }

    /** Header-name rules: each canonical column read from the first of its headers the file has. */
    static Map<String, ColumnRule> rules(Map<String, List<String>> columns) {
        Map<String, ColumnRule> out = new LinkedHashMap<>();
        columns.forEach((k, v) -> out.put(k, ColumnRule.from(v.toArray(String[]::new))));
        return out;
    }

    static HeaderMapping resolve(List<String> header) {
        return HeaderMapping.resolve(Source.SALES, SourceOptions.defaults(), header, FILE);
    }

    static int field(HeaderMapping m, String canonical) {
        return m.fieldOf(Source.SALES.indexOf(canonical));
    }

    @Test
    void canonicalHeaderMapsInPlace() {
        List<String> header = canonicalHeader(Source.SALES);
        HeaderMapping m = resolve(header);
        for (int c = 0; c < header.size(); c++) {
            assertThat(m.fieldOf(c)).as(header.get(c)).isEqualTo(c);
        }
        assertThat(m.fieldCount()).isEqualTo(18);
        assertThat(m.ignored()).isEmpty();
    }

    @Test
    void columnOrderInTheFileDoesNotMatter() {
        HeaderMapping m = resolve(List.of("unit_price", "quantity", "currency", "order_id", "order_ts", "platform",
                "marketplace", "category", "seller_id", "product_id"));
        assertThat(field(m, "unit_price")).isEqualTo(0);
        assertThat(field(m, "order_id")).isEqualTo(3);
        assertThat(field(m, "product_id")).isEqualTo(9);
        assertThat(field(m, "line_id")).isEqualTo(-1); // optional, absent
        assertThat(field(m, "title")).isEqualTo(-1);
        assertThat(m.fieldCount()).isEqualTo(10);
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
            "ORDER_ID       | order_id",
            "Order ID       | order_id",
            "order-id       | order_id",
            "Order.Id       | order_id",
            "'  Order  ID ' | order_id",
            "Unit Price     | unit_price",
            "SELLER-ID      | seller_id",
            "Launch Date    | launch_date",
            "\uFEFFOrder_Id | order_id"})
    void namesAreNormalisedCaseInsensitively(String header, String canonical) {
        List<String> h = canonicalHeader(Source.SALES);
        int pos = h.indexOf(canonical);
        h.set(pos, header);
        HeaderMapping m = resolve(h);
        assertThat(field(m, canonical)).isEqualTo(pos);
        assertThat(m.ignored()).isEmpty();
    }

    @Test
    void normalise() {
        assertThat(HeaderMapping.normalise("Order ID")).isEqualTo("order_id");
        assertThat(HeaderMapping.normalise(" Unit-Price ")).isEqualTo("unit_price");
        assertThat(HeaderMapping.normalise("\uFEFFOrder_ID")).isEqualTo("order_id");
        assertThat(HeaderMapping.normalise("订单号")).isEqualTo("订单号");
    }

    @Test
    void configuredChineseAliases() {
        Map<String, List<String>> cols = new LinkedHashMap<>();
        cols.put("order_id", List.of("订单号"));
        cols.put("order_ts", List.of("下单时间"));
        cols.put("platform", List.of("平台"));
        cols.put("marketplace", List.of("站点"));
        cols.put("category", List.of("类目"));
        cols.put("seller_id", List.of("卖家ID", "店铺ID"));
        cols.put("product_id", List.of("商品编号"));
        cols.put("title", List.of("商品名称"));
        cols.put("unit_price", List.of("单价"));
        cols.put("quantity", List.of("数量"));
        cols.put("currency", List.of("币种"));
        List<String> header = List.of("订单号", "下单时间", "平台", "站点", "类目", "店铺id", "商品编号", "商品名称", "单价",
                "数量", "币种", "备注");
        HeaderMapping m = HeaderMapping.resolve(Source.SALES, aliases(cols), header, FILE);
        assertThat(field(m, "order_id")).isEqualTo(0);
        assertThat(field(m, "order_ts")).isEqualTo(1);
        assertThat(field(m, "platform")).isEqualTo(2);
        assertThat(field(m, "marketplace")).isEqualTo(3);
        assertThat(field(m, "category")).isEqualTo(4);
        assertThat(field(m, "seller_id")).isEqualTo(5); // second alias, other case (店铺id vs 店铺ID)
        assertThat(field(m, "product_id")).isEqualTo(6);
        assertThat(field(m, "title")).isEqualTo(7);
        assertThat(field(m, "unit_price")).isEqualTo(8);
        assertThat(field(m, "quantity")).isEqualTo(9);
        assertThat(field(m, "currency")).isEqualTo(10);
        assertThat(m.ignored()).containsExactly("备注");
        assertThat(m.fieldCount()).isEqualTo(12);
    }

    @Test
    void aliasesAreComparedLikeHeaders() {
        List<String> h = canonicalHeader(Source.SALES);
        h.set(0, "ORDER NUMBER");
        HeaderMapping m = HeaderMapping.resolve(Source.SALES, aliases(Map.of("order_id", List.of("order-number"))), h, FILE);
        assertThat(field(m, "order_id")).isEqualTo(0);
    }

    @Test
    void canonicalNameStillMapsWhenTheColumnHasAnAliasThatTheFileDoesNotUse() {
        // config maps order_id from a Chinese export; a file already in canonical form must still read
        HeaderMapping m = HeaderMapping.resolve(Source.SALES, aliases(Map.of("order_id", List.of("订单号"))),
                canonicalHeader(Source.SALES), FILE);
        assertThat(field(m, "order_id")).isEqualTo(0);
    }

    @Test
    void unknownColumnsAreIgnoredAndListedInHeaderOrder() {
        List<String> h = new ArrayList<>(canonicalHeader(Source.SALES));
        h.add(2, "Internal Note");
        h.add("warehouse_code");
        HeaderMapping m = resolve(h);
        assertThat(m.ignored()).containsExactly("Internal Note", "warehouse_code");
        assertThat(field(m, "order_ts")).isEqualTo(3);
        assertThat(m.fieldCount()).isEqualTo(20);
    }

    @Test
    void twoHeadersForOneColumnAreUnreadable() {
        List<String> h = new ArrayList<>(canonicalHeader(Source.SALES));
        h.add("Order ID");
        UnreadableFileException e = catchThrowableOfType(UnreadableFileException.class, () -> resolve(h));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains(FILE).contains("'order_id'").contains("'Order ID'").contains("sales.order_id");
    }

    @Test
    void twoAliasesOfOneColumnInOneHeaderAreReadAsTheFirstThatHasAValue() throws ValueParser.Rejection {
        // a list of headers is a list of places to look: the first of them with a value on the row
        List<String> h = new ArrayList<>(canonicalHeader(Source.SALES));
        h.set(0, "订单号");
        h.add("Order No");
        HeaderMapping m = HeaderMapping.resolve(Source.SALES, aliases(Map.of("order_id", List.of("订单号", "Order No"))), h, FILE);
        List<String> row = new ArrayList<>(java.util.Collections.nCopies(h.size(), "x"));
        ValueParser parser = new ValueParser(SourceOptions.defaults(), java.time.ZoneOffset.UTC);
        row.set(0, "A-1");
        row.set(h.size() - 1, "B-2");
        assertThat(m.text(Source.SALES.indexOf("order_id"), row, parser, "order_id")).isEqualTo("A-1");
        row.set(0, " ");
        assertThat(m.text(Source.SALES.indexOf("order_id"), row, parser, "order_id")).isEqualTo("B-2");
        assertThat(m.ignored()).isEmpty();
    }

    @Test
    void missingRequiredColumnIsUnreadableAndSuggestsTheConfigKey() {
        List<String> h = new ArrayList<>(canonicalHeader(Source.SALES));
        h.remove("order_id");
        h.add("Bestellnummer");
        UnreadableFileException e = catchThrowableOfType(UnreadableFileException.class, () -> resolve(h));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains(FILE).contains("order_id").contains("sources.sales.columns.order_id")
                .contains("Bestellnummer");
    }

    @Test
    void allMissingColumnsAreNamed() {
        List<String> h = new ArrayList<>(canonicalHeader(Source.SALES));
        h.remove("seller_id");
        h.remove("currency");
        assertThatThrownBy(() -> resolve(h))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("seller_id")
                .hasMessageContaining("currency")
                .hasMessageContaining("sources.sales.columns.seller_id");
    }

    @Test
    void missingOptionalColumnsAreFine() {
        List<String> h = List.of("order_id", "order_ts", "platform", "marketplace", "category", "seller_id", "product_id",
                "unit_price", "quantity", "currency");
        HeaderMapping m = resolve(h);
        assertThat(field(m, "brand")).isEqualTo(-1);
        assertThat(field(m, "status")).isEqualTo(-1);
        assertThat(field(m, "launch_date")).isEqualTo(-1);
    }

    @Test
    void singleColumnHeaderHintsAtTheDelimiter() {
        // a semicolon file read with ',' configured arrives as one column
        List<String> h = List.of(String.join(";", canonicalHeader(Source.SALES)));
        assertThatThrownBy(() -> resolve(h))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining(FILE)
                .hasMessageContaining("delimiter");
    }

    static final String PASSWD = "root:x:0:0:root:/root:/bin/bash\n"
            + "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
            + "alice:x:1000:1000:Alice Example,,,:/home/alice:/bin/bash\n";

    @Test
    void aFileThatIsNoExportIsNotEchoedInTheMessage() {
        // a system file linked into sales/: its lines are read as a one-column header and rows
        List<String> header = CsvFileReaderTest.open(PASSWD).header();
        assertThatThrownBy(() -> resolve(header))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage(FILE + ": required sales columns order_id, order_ts, platform, marketplace, category, seller_id,"
                        + " product_id, unit_price, quantity, currency not found in its header row (1 column, not shown: it"
                        + " does not read as column names). Rename the header, or map it in the config, e.g."
                        + " sources.sales.columns.order_id: \"<header in your export>\" (only one column was found: check the"
                        + " delimiter or the encoding)");
        // the line with commas, split at them, is no header either
        List<String> split = CsvFileReaderTest.open(PASSWD.lines().skip(2).findFirst().orElseThrow() + "\n").header();
        assertThat(split).hasSize(4);
        assertThatThrownBy(() -> resolve(split)).hasMessageContaining("its header row (4 columns, not shown")
                .hasMessageNotContaining("alice").hasMessageNotContaining("/bin/bash");
    }

    @Test
    void theHeaderNamesOfAnExportAreShown() {
        assertThat(HeaderMapping.shownHeader(List.of("Bestellnummer", "Buy Box: Current", "订单号", "Unit Price (USD)", "")))
                .isEqualTo("the header [Bestellnummer, Buy Box: Current, 订单号, Unit Price (USD), ]");
        assertThat(HeaderMapping.shownHeader(List.of("order_id;order_ts;unit_price")))
                .isEqualTo("its header row (1 column, not shown: it does not read as column names)");
        assertThat(HeaderMapping.shownHeader(List.of("id", "0"))).startsWith("its header row (2 columns");
        assertThat(HeaderMapping.shownHeader(List.of("KEY=secret", "b"))).startsWith("its header row (2 columns");
    }

    @Test
    void logisticsMissingColumnSuggestsItsOwnKey() {
        List<String> h = new ArrayList<>(canonicalHeader(Source.LOGISTICS));
        h.remove("carrier");
        assertThatThrownBy(() -> HeaderMapping.resolve(Source.LOGISTICS, SourceOptions.defaults(), h, "in/logistics/l.csv"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("in/logistics/l.csv")
                .hasMessageContaining("sources.logistics.columns.carrier");
    }
}
