package io.marketlens.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * Reads one sheet of an Excel workbook (.xlsx) row by row, as {@link CsvFileReader} reads a CSV export: the first
 * sheet, or the one {@code sources.<source>.sheet} names; the header row found as in a CSV file ({@code header_row},
 * or after a preamble); each later row a record whose physical line is its row number (1-based).
 *
 * <p>The sheet's XML is pulled element by element (StAX over the part that POI's {@link XSSFReader} opens), never
 * held as a document; the shared strings and the cell styles are loaded, as every streaming reader does. The
 * workbook is copied to a local temporary file first, since a zip package needs random access.
 *
 * <p>Cells come out as text the way a CSV export writes them, not as Excel shows them: a number in plain decimal
 * notation with the digits the file stores ({@code 400081}, {@code 12.5}; no grouping, no rounding, no exponent), a
 * date-formatted number as an ISO date ({@code 2024-05-01}), date-time ({@code 2024-05-01 10:00:00}) or time,
 * booleans as TRUE/FALSE, an error as its code (#N/A), text as it is. Cells missing from the XML are empty fields,
 * placed by their column letters, so that fields line up with the header; empty cells at the end of a row are dropped
 * and a row shorter than the header is padded to its width (a row with more filled cells than the header has fields
 * stays longer: {@code malformed_row}). A row without any filled cell is not a row.
 */
public final class XlsxFileReader implements ExportReader {

    private static final CSVFormat RAW_FORMAT = CsvFileReader.format(',');
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final String file;
    private final Path copy;
    private final OPCPackage pkg;
    private final InputStream sheetStream;
    private final XMLStreamReader xml;
    private final ReadOnlySharedStringsTable strings;
    private final StylesTable styles;
    private final boolean date1904;
    private final Deque<CsvFileReader.Record> pending = new ArrayDeque<>();
    private List<String> header;
    private long preambleLines;
    private long lastRow;

    private XlsxFileReader(String file, Path copy, OPCPackage pkg, InputStream sheetStream, XMLStreamReader xml,
                           ReadOnlySharedStringsTable strings, StylesTable styles, boolean date1904) {
        this.file = file;
        this.copy = copy;
        this.pkg = pkg;
        this.sheetStream = sheetStream;
        this.xml = xml;
        this.strings = strings;
        this.styles = styles;
        this.date1904 = date1904;
    }

    /** Opens the workbook in {@code in} (closed here), finds its sheet and reads up to the header row. */
    public static XlsxFileReader open(InputStream in, String file, Source source, SourceOptions options) {
        Path copy = null;
        OPCPackage pkg = null;
        XlsxFileReader reader = null;
        try (in) {
            copy = Files.createTempFile("marketlens-", ".xlsx");
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            pkg = OPCPackage.open(copy.toFile(), PackageAccess.READ);
            XSSFReader workbook = new XSSFReader(pkg);
            InputStream sheet = sheet(workbook, file, source, options.sheet());
            XMLStreamReader xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(sheet);
            reader = new XlsxFileReader(file, copy, pkg, sheet, xml, new ReadOnlySharedStringsTable(pkg),
                    workbook.getStylesTable(), date1904(workbook));
            reader.readHeader(source, options);
            return reader;
        } catch (UnreadableFileException e) {
            closeQuietly(reader, pkg, copy);
            throw e;
        } catch (Exception e) { // POI's and StAX's checked exceptions, a corrupt package's runtime ones
            closeQuietly(reader, pkg, copy);
            throw new UnreadableFileException(file + ": cannot be read as an Excel workbook (" + e.getMessage()
                    + "); open it in Excel and save it again as .xlsx, or as CSV (UTF-8)", e);
        }
    }

    private static void closeQuietly(XlsxFileReader reader, OPCPackage pkg, Path copy) {
        try {
            if (reader != null) {
                reader.close();
                return;
            }
            if (pkg != null) {
                pkg.revert();
            }
            if (copy != null) {
                Files.deleteIfExists(copy);
            }
        } catch (IOException | RuntimeException ignored) {
            // the failure being reported matters more
        }
    }

    /** The first sheet, or the one named {@code name} (exactly, else ignoring case). */
    private static InputStream sheet(XSSFReader workbook, String file, Source source, String name) throws Exception {
        XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) workbook.getSheetsData();
        List<String> names = new ArrayList<>();
        InputStream ignoringCase = null;
        while (it.hasNext()) {
            InputStream s = it.next();
            String sheetName = it.getSheetName();
            if (name == null || name.equals(sheetName)) {
                if (ignoringCase != null) {
                    ignoringCase.close();
                }
                return s;
            }
            if (ignoringCase == null && name.equalsIgnoreCase(sheetName)) {
                ignoringCase = s;
            } else {
                s.close();
            }
            names.add(sheetName);
        }
        if (ignoringCase != null) {
            return ignoringCase;
        }
        throw new UnreadableFileException(file + (name == null ? ": the workbook has no sheet"
                : ": the workbook has no sheet '" + name + "' (sources." + source.dirName() + ".sheet); its sheets are "
                + names));
    }

    /** Whether the workbook counts dates from 1904 (old Mac Excel) rather than 1900. */
    private static boolean date1904(XSSFReader workbook) throws Exception {
        try (InputStream in = workbook.getWorkbookData()) {
            XMLStreamReader x = XMLHelper.newXMLInputFactory().createXMLStreamReader(in);
            try {
                while (x.hasNext()) {
                    if (x.next() == XMLStreamConstants.START_ELEMENT) {
                        String local = x.getLocalName();
                        if (local.equals("workbookPr")) {
                            String v = x.getAttributeValue(null, "date1904");
                            return "1".equals(v) || "true".equalsIgnoreCase(v);
                        }
                        if (local.equals("sheets")) {
                            return false; // workbookPr comes before the sheets
                        }
                    }
                }
                return false;
            } finally {
                x.close();
            }
        }
    }

    /** Reads rows up to the header, keeping the rows read past it for {@link #next}. */
    private void readHeader(Source source, SourceOptions options) throws XMLStreamException {
        OptionalInt configured = options.headerLine();
        if (configured.isPresent()) {
            int wanted = configured.getAsInt();
            CsvFileReader.Record row;
            while ((row = readRow()) != null && row.line() < wanted) {
                // rows above the configured header are the preamble
            }
            if (row == null || row.line() > wanted) {
                throw new UnreadableFileException(file + ": row " + wanted + " of the sheet, where sources."
                        + source.dirName() + ".header_row says the header is, is empty; set header_row to the row that"
                        + " holds the header, or to auto");
            }
            header = row.fields();
            preambleLines = wanted - 1L;
        } else {
            List<CsvFileReader.Record> first = new ArrayList<>();
            CsvFileReader.Record row;
            while (first.size() <= SourceOptions.PREAMBLE_SEARCH_LINES && (row = readRow()) != null) {
                first.add(row);
            }
            if (first.isEmpty()) {
                throw new UnreadableFileException(file + ": the sheet is empty; a " + source.dirName()
                        + " export needs a header row naming its columns");
            }
            int at = CsvFileReader.headerIndex(first.stream().map(CsvFileReader.Record::fields).toList(),
                    CsvFileReader.knownHeaders(source, options));
            header = first.get(at).fields();
            pending.addAll(first.subList(at + 1, first.size()));
            preambleLines = first.get(at).line() - 1; // the rows above the header, empty ones included
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public long preambleLines() {
        return preambleLines;
    }

    @Override
    public CsvFileReader.Record next() {
        CsvFileReader.Record row = pending.poll();
        if (row == null) {
            try {
                row = readRow();
            } catch (XMLStreamException e) {
                throw new UnreadableFileException(file + ": the sheet's XML is broken after row " + lastRow + " ("
                        + e.getMessage() + "); open the workbook in Excel and save it again", e);
            }
        }
        if (row == null) {
            return null;
        }
        int width = header.size();
        if (row.fields().size() < width) {
            List<String> padded = new ArrayList<>(width);
            padded.addAll(row.fields());
            while (padded.size() < width) {
                padded.add("");
            }
            row = new CsvFileReader.Record(row.line(), padded, RAW_FORMAT);
        }
        return row;
    }

    /** The next row with a filled cell, its trailing empty cells dropped; null at the end of the sheet. */
    private CsvFileReader.Record readRow() throws XMLStreamException {
        List<String> fields = null;
        long rowNumber = 0;
        int column = 0;
        String type = null;
        int style = -1;
        String value = null;
        StringBuilder inline = null;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "row" -> {
                        fields = new ArrayList<>();
                        String r = xml.getAttributeValue(null, "r");
                        rowNumber = r == null ? lastRow + 1 : Long.parseLong(r);
                        lastRow = rowNumber;
                    }
                    case "c" -> {
                        String ref = xml.getAttributeValue(null, "r");
                        column = ref == null ? fields.size() : column(ref);
                        type = xml.getAttributeValue(null, "t");
                        String s = xml.getAttributeValue(null, "s");
                        style = s == null ? -1 : Integer.parseInt(s);
                        value = null;
                        inline = null;
                    }
                    case "v" -> value = xml.getElementText();
                    case "is" -> inline = new StringBuilder();
                    case "t" -> {
                        if (inline != null) {
                            inline.append(xml.getElementText());
                        }
                    }
                    case "rPh" -> skipElement(); // phonetic guide of East Asian text: not the cell's text
                    default -> {
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                String local = xml.getLocalName();
                if (local.equals("c") && fields != null) {
                    String text = cellText(type, style, value, inline);
                    while (fields.size() < column) {
                        fields.add("");
                    }
                    if (fields.size() == column) {
                        fields.add(text);
                    } else {
                        fields.set(column, text);
                    }
                } else if (local.equals("row") && fields != null) {
                    int end = fields.size();
                    while (end > 0 && fields.get(end - 1).isEmpty()) {
                        end--;
                    }
                    if (end > 0) {
                        return new CsvFileReader.Record(rowNumber, List.copyOf(fields.subList(0, end)), RAW_FORMAT);
                    }
                    fields = null;
                } else if (local.equals("sheetData")) {
                    return null;
                }
            }
        }
        return null;
    }

    private void skipElement() throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int e = xml.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** The 0-based column of a cell reference such as {@code AB12}. */
    static int column(String ref) {
        int col = 0;
        for (int i = 0; i < ref.length(); i++) {
            char c = Character.toUpperCase(ref.charAt(i));
            if (c < 'A' || c > 'Z') {
                break;
            }
            col = col * 26 + (c - 'A' + 1);
        }
        return col - 1;
    }

    private String cellText(String type, int style, String value, StringBuilder inline) {
        if (type == null || type.equals("n")) {
            return value == null || value.isEmpty() ? "" : number(value, style);
        }
        return switch (type) {
            case "s" -> value == null || value.isEmpty() ? "" : strings.getItemAt(Integer.parseInt(value.strip())).getString();
            case "inlineStr" -> inline != null ? inline.toString() : value == null ? "" : value;
            case "b" -> value == null || value.isEmpty() ? "" : value.strip().equals("1") ? "TRUE" : "FALSE";
            default -> value == null ? "" : value; // str (a formula's text), e (an error: #N/A), d (an ISO date)
        };
    }

    /** A number cell: ISO date/time when its format is a date format, else plain decimal text. */
    private String number(String raw, int style) {
        if (style >= 0 && styles != null && style < styles.getNumCellStyles()) {
            XSSFCellStyle cs = styles.getStyleAt(style);
            String format = cs == null ? null : cs.getDataFormatString();
            if (format != null && DateUtil.isADateFormat(cs.getDataFormat(), format)) {
                try {
                    double d = Double.parseDouble(raw);
                    if (DateUtil.isValidExcelDate(d)) {
                        return dateText(DateUtil.getLocalDateTime(d, date1904, true), format);
                    }
                } catch (NumberFormatException e) {
                    return raw;
                }
            }
        }
        return plain(raw);
    }

    /** {@code 400081.0} → 400081, {@code 1.25E-3} → 0.00125: the stored digits, in plain notation. */
    static String plain(String raw) {
        try {
            BigDecimal n = new BigDecimal(raw.strip());
            if (n.signum() == 0) {
                return "0";
            }
            return n.stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    /** A date-time in ISO form, as much of it as the cell's format shows: date, date and time, or time. */
    static String dateText(LocalDateTime t, String format) {
        String f = format.replaceAll("\"[^\"]*\"", "").replaceAll("\\[[^]]*]", "").replaceAll("\\\\.", "")
                .toLowerCase(Locale.ROOT);
        boolean time = f.indexOf('h') >= 0 || f.indexOf('s') >= 0;
        boolean date = f.indexOf('y') >= 0 || f.indexOf('d') >= 0 || !time;
        if (date && !time) {
            return t.toLocalDate().toString();
        }
        return date ? t.format(DATE_TIME) : t.format(TIME);
    }

    @Override
    public void close() throws IOException {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // closing a reader of a part that is read through
        }
        try {
            sheetStream.close();
            pkg.revert(); // opened read-only: nothing to save
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
