package io.marketlens.ingest;

import java.io.Closeable;
import java.util.List;

/**
 * Reads one export record by record, each with its physical line (a CSV file's line, an Excel sheet's row number):
 * {@link CsvFileReader} for text exports, {@link XlsxFileReader} for Excel workbooks.
 */
interface ExportReader extends Closeable {

    /** The header row's fields. */
    List<String> header();

    /** Lines (rows) before the header that were skipped as the report's preamble; they are not rows. */
    long preambleLines();

    /** The next data record, skipping blank lines (rows), or null at the end. */
    CsvFileReader.Record next();
}
