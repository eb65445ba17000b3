package io.marketlens.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlens.io.Storage;
import io.marketlens.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesOneCsvWithABomQuotingAndFormulaCellsNeutralised() throws Exception {
        SparkSession spark = SparkTestSession.get();
        StructType schema = new StructType().add("name", "string").add("value", "double");
        List<Row> rows = List.of(
                RowFactory.create("=HYPERLINK(\"http://x\")", -1.5),
                RowFactory.create("+1", 2.0),
                RowFactory.create("-2", 3.0),
                RowFactory.create("@SUM(A1)", 4.0),
                RowFactory.create("plain, with comma", null),
                RowFactory.create("a-b", 5.0),
                RowFactory.create("big", 1.6035912048665158E7),
                RowFactory.create("small", 1.25E-7),
                RowFactory.create("nan", Double.NaN));
        Path csv = dir.resolve("t.csv");
        new TableWriter(new Storage(spark.sparkContext().hadoopConfiguration()))
                .writeCsv(spark.createDataFrame(rows, schema), csv.toString());

        byte[] bytes = Files.readAllBytes(csv);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, java.nio.charset.StandardCharsets.UTF_8).split("\n")).containsExactly(
                "name,value",
                "\"'=HYPERLINK(\"\"http://x\"\")\",-1.5",
                "'+1,2.0",
                "'-2,3.0",
                "'@SUM(A1),4.0",
                "\"plain, with comma\",",
                "a-b,5.0",
                "big,16035912.048665158",
                "small,0.000000125",
                "nan,");
    }

    @Test
    void aControlCharacterInATextCellShowsAsTheReplacementCharacter() {
        java.time.ZoneId utc = java.time.ZoneOffset.UTC;
        org.apache.spark.sql.types.DataType text = org.apache.spark.sql.types.DataTypes.StringType;
        // a quarantined row's raw text as read: NUL, BEL and ESC are replaced; line breaks and tabs stay (CSV quotes them)
        assertThat(TableWriter.cell("PY,\0,Title\u0007\u001B", text, utc)).isEqualTo("PY,\uFFFD,Title\uFFFD\uFFFD");
        assertThat(TableWriter.cell("two\nlines\tand a tab", text, utc)).isEqualTo("two\nlines\tand a tab");
        // a formula after a NUL is still neutralised: the NUL is no longer first, the cell starts with U+FFFD
        assertThat(TableWriter.cell("\0=1+1", text, utc)).isEqualTo("\uFFFD=1+1");
        assertThat(TableWriter.cell("=1+1", text, utc)).isEqualTo("'=1+1");
    }

    @Test
    void everyCharacterIsTreatedAsThePatternsSay() {
        java.time.ZoneId utc = java.time.ZoneOffset.UTC;
        org.apache.spark.sql.types.DataType text = org.apache.spark.sql.types.DataTypes.StringType;
        int control = 0;
        int quoted = 0;
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String alone = String.valueOf(c);
            String inside = "a" + c + "b";
            assertThat(TableWriter.hasControlCharacter(alone)).as("U+%04X", (int) c)
                    .isEqualTo(TableWriter.CONTROL_CHARACTERS.matcher(alone).find());
            assertThat(TableWriter.hasControlCharacter(inside)).isEqualTo(TableWriter.hasControlCharacter(alone));
            String expected = TableWriter.CONTROL_CHARACTERS.matcher(alone).replaceAll("\uFFFD");
            boolean formula = "=+-@\t\r".indexOf(c) >= 0;
            assertThat(TableWriter.cell(alone, text, utc)).as("U+%04X", (int) c).isEqualTo(formula ? "'" + expected : expected);
            control += TableWriter.hasControlCharacter(alone) ? 1 : 0;
            quoted += TableWriter.cell(alone, text, utc).equals("'" + alone) ? 1 : 0;
        }
        // C0 but tab, line feed and carriage return (29), DEL (1), C1 (32); = + - @ tab and carriage return (6)
        assertThat(control).isEqualTo(62);
        assertThat(quoted).isEqualTo(6);
        assertThat(TableWriter.cell("", text, utc)).isEmpty();
        assertThat(TableWriter.cell("-3", text, utc)).isEqualTo("'-3");
        assertThat(TableWriter.cell("a-3", text, utc)).isEqualTo("a-3");
    }
}
