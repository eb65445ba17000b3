package io.marketlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Record starts found byte by byte, with the line count the reader would have reached there. */
class RecordBoundariesTest {

    private static List<Chunking.Split> splits(String text, long chunkBytes) {
        return splits(text.getBytes(StandardCharsets.UTF_8), ',', chunkBytes, 0);
    }

    private static List<Chunking.Split> splits(byte[] bytes, char delimiter, long chunkBytes, long skip) {
        RecordBoundaries b = new RecordBoundaries(delimiter, chunkBytes, skip);
        b.accept(bytes, 0, bytes.length);
        return b.splits();
    }

    private static Chunking.Split at(long offset, long linesBefore) {
        return new Chunking.Split(offset, linesBefore);
    }

    @Test
    void everyRecordEndWithOneByteChunks() {
        String csv = "h1,h2\n"          // bytes 0-5, line 1
                + "a,\"x\ny\"\n"         // bytes 6-13, lines 2-3: the LF at 10 is quoted
                + "b,2\r\n"              // bytes 14-18, line 4: CR LF is one line break
                + "\n"                   // byte 19, line 5: blank
                + "c,\"q\"\"\n\"\n";     // bytes 20-28, lines 6-7: "" is a quote, the field goes on over the LF at 26
        assertThat(splits(csv, 1)).containsExactly(at(6, 1), at(14, 3), at(19, 4), at(20, 5), at(29, 7));
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsAnOrdinaryCharacter() {
        // ab"c is a field of four characters; a quote toggle would think the next LF is quoted
        assertThat(splits("h\nab\"c\nd\n", 1)).containsExactly(at(2, 1), at(7, 2), at(9, 3));
    }

    @Test
    void textAfterAClosingQuoteIsTrailingDataAndItsQuotesOpenNothing() {
        // "x"y"z is one field, xy"z, read as trailing data after the closing quote
        assertThat(splits("\"x\"y\"z\nq\n", 1)).containsExactly(at(7, 1), at(9, 2));
    }

    @Test
    void aQuoteAfterTheDelimiterOpensAQuotedField() {
        // semicolon-delimited: the quote after ';' opens, so the LF at 4 is inside the field
        byte[] bytes = "a;\"b\nc\"\nd\n".getBytes(StandardCharsets.UTF_8);
        assertThat(splits(bytes, ';', 1, 0)).containsExactly(at(8, 2), at(10, 3));
        // with ',' as the delimiter the same quote is mid-field, and the LF at 4 ends the record
        assertThat(splits(bytes, ',', 1, 0)).containsExactly(at(5, 1), at(8, 2), at(10, 3));
    }

    @Test
    void chunksAreAtLeastTheChunkSizeApart() {
        // ten records of 4 bytes end at 4, 8, ..., 40; the first end at or after 10 is 12, then 24, 36
        assertThat(splits("aaa\n".repeat(10), 10)).containsExactly(at(12, 3), at(24, 6), at(36, 9));
    }

    @Test
    void aLoneCrEndsALineButIsNoSplitPoint() {
        // CR-only line endings: 3 line breaks, no LF to split after
        assertThat(splits("h\ra\rb\r", 1)).isEmpty();
        // CR then CR LF: the line count includes the lone CR
        assertThat(splits("h\r\ra\r\nb\n", 1)).containsExactly(at(6, 3), at(8, 4));
    }

    @Test
    void aQuoteNeverClosedLeavesNoSplitAfterIt() {
        assertThat(splits("h\nx,\"open\nmore\nlines\n", 1)).containsExactly(at(2, 1));
    }

    @Test
    void theByteOrderMarkIsSkippedSoAQuotedFirstHeaderFieldOpens() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "\"a\nb\",c\nx,y\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, bytes, 0, 3);
        System.arraycopy(text, 0, bytes, 3, text.length);
        // header "a\nb",c spans lines 1-2 and ends at byte 11 (3 + 8)
        assertThat(splits(bytes, ',', 1, 3)).containsExactly(at(11, 2), at(15, 3));
    }

    @Test
    void bytesFedInPiecesGiveTheSameSplitsAsInOne() {
        String csv = "h1,h2\r\na,\"x\r\n\"\"y\"\r\nb,2\r\n";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        RecordBoundaries oneByOne = new RecordBoundaries(',', 1, 0);
        for (int i = 0; i < bytes.length; i++) {
            oneByOne.accept(bytes, i, 1); // CR and LF, and the two quotes of "", arrive apart
        }
        assertThat(oneByOne.splits()).isEqualTo(splits(csv, 1)).containsExactly(at(7, 1), at(19, 3), at(24, 4));
    }

    @Test
    void multiByteCharactersAreOrdinaryBytes() {
        // 中 is E4 B8 AD in UTF-8 and D6 D0 in GB18030: neither has a structural byte
        String csv = "标题,价格\n\"中,\n文\",1\n";
        byte[] utf8 = csv.getBytes(StandardCharsets.UTF_8);
        byte[] gb = csv.getBytes(Charset.forName("GB18030"));
        assertThat(splits(utf8, ',', 1, 0)).containsExactly(at(14, 1), at(utf8.length, 3));
        assertThat(splits(gb, ',', 1, 0)).containsExactly(at(10, 1), at(gb.length, 3));
    }

    @Test
    void whichEncodingsAndDelimitersCanBeCut() {
        Charset gb18030 = Charset.forName("GB18030");
        assertThat(RecordBoundaries.unsplittable(StandardCharsets.UTF_8, ',')).isEmpty();
        assertThat(RecordBoundaries.unsplittable(StandardCharsets.UTF_8, '|')).isEmpty();
        assertThat(RecordBoundaries.unsplittable(gb18030, ',')).isEmpty();
        assertThat(RecordBoundaries.unsplittable(gb18030, ';')).isEmpty();
        assertThat(RecordBoundaries.unsplittable(gb18030, '\t')).isEmpty();
        assertThat(RecordBoundaries.unsplittable(Charset.forName("GBK"), ',')).isEmpty();
        // 0x7C is a valid second byte of a GB18030 character: 81 7C is 亅
        assertThat(new String(new byte[] {(byte) 0x81, 0x7C}, gb18030)).isEqualTo("亅");
        assertThat(RecordBoundaries.unsplittable(gb18030, '|')).hasValue("in GB18030 the byte of its delimiter '|' also occurs inside characters");
        assertThat(RecordBoundaries.unsplittable(StandardCharsets.ISO_8859_1, ';')).isEmpty();
        assertThat(RecordBoundaries.unsplittable(Charset.forName("windows-1252"), ',')).isEmpty();
        assertThat(RecordBoundaries.unsplittable(StandardCharsets.UTF_16LE, ',')).hasValue("in UTF-16LE line-break and quote bytes can occur inside characters");
        assertThat(RecordBoundaries.unsplittable(StandardCharsets.UTF_8, '；')).hasValue("its delimiter '；' is not a single ASCII byte");
    }
}
