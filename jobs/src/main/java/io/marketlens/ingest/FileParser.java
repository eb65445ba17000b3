package io.marketlens.ingest;

import io.marketlens.io.Storage;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.Seekable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Parses export files into envelope rows ({@link IngestSchemas#envelope}); runs on executors, one task
 * per chunk of a file ({@link InputFile#chunks}), streaming its bytes rather than holding them.
 */
public final class FileParser implements Serializable {

    private final Source source;
    private final SourceOptions options;
    private final IngestSettings config;
    private final FxRates fx;
    private final Map<String, String> storageSettings;
    private final boolean rawOfAccepted;

    public FileParser(Source source, IngestSettings config, FxRates fx, Map<String, String> storageSettings) {
        this(source, config, fx, storageSettings, true);
    }

    private FileParser(Source source, IngestSettings config, FxRates fx, Map<String, String> storageSettings,
                       boolean rawOfAccepted) {
        this.source = source;
        this.options = config.source(source);
        this.config = config;
        this.fx = fx;
        this.storageSettings = storageSettings;
        this.rawOfAccepted = rawOfAccepted;
    }

    /**
     * The same parser, but an accepted row's {@link IngestSchemas#RAW} is null: re-serialising every record costs a
     * tenth of the parse, and only a row that is quarantined later (a repeated key) needs it — read such files again
     * with this parser itself.
     */
    public FileParser withoutRawOfAccepted() {
        return new FileParser(source, config, fx, storageSettings, false);
    }

    /**
     * A file's header, as checked: its mapping onto the source's columns, and the physical lines (sheet rows) before it
     * that were skipped as the report's preamble.
     */
    public record Header(HeaderMapping mapping, long preambleLines) {
    }

    /** Opens the file and checks its header; used on the driver before any Spark work. */
    public static Header checkHeader(Storage storage, InputFile file, SourceOptions options) {
        InputStream in;
        try {
            in = storage.open(file.path());
        } catch (IOException e) {
            throw new UnreadableFileException(file.display() + ": cannot be read (" + e.getMessage() + ")", e);
        }
        try (ExportReader reader = open(in, file, file.source(), options)) {
            return new Header(HeaderMapping.resolve(file.source(), options, reader.header(), file.display()),
                    reader.preambleLines());
        } catch (IOException e) {
            throw new UnreadableFileException(file.display() + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** A reader of the whole file from its start: a workbook's sheet, or CSV text. */
    private static ExportReader open(InputStream in, InputFile file, Source source, SourceOptions options) {
        return file.workbook() ? XlsxFileReader.open(in, file.display(), source, options)
                : CsvFileReader.open(in, file.display(), source, options);
    }

    /** The envelope rows of one chunk of a file, produced lazily as the iterator is consumed. */
    public Iterator<Row> parse(InputFile.Chunk chunk) {
        InputFile file = chunk.file();
        InputStream in;
        try {
            in = range(Storage.fromSettings(storageSettings).open(file.path()), chunk);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(file.display() + ": cannot be opened: " + e.getMessage(), e));
        }
        ExportReader reader = chunk.first() ? open(in, file, source, options)
                : CsvFileReader.resume(in, file.display(), source, file.chunking(), chunk.linesBefore(),
                        options.maxLinesPerRecord());
        HeaderMapping mapping = HeaderMapping.resolve(source, options, reader.header(), file.display());
        RowValidator validator = new RowValidator(source, mapping, new ValueParser(mapping.options(), config.zone()), fx,
                config.cancelledStatuses(), config.plausibility());
        return new Iterator<>() {
            private Row nextRow = advance();

            private Row advance() {
                CsvFileReader.Record rec = reader.next();
                if (rec == null) {
                    try {
                        reader.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                }
                return toRow(file, rec, rec.unbalancedQuote() ? unbalanced(mapping) : validator.validate(rec.fields()));
            }

            @Override
            public boolean hasNext() {
                return nextRow != null;
            }

            @Override
            public Row next() {
                if (nextRow == null) {
                    throw new NoSuchElementException();
                }
                Row r = nextRow;
                nextRow = advance();
                return r;
            }
        };
    }

    /** The verdict on the opening line of a quote that is never closed, set aside by the reader. */
    private RowValidator.Outcome unbalanced(HeaderMapping mapping) {
        return RowValidator.Outcome.rejected(SourceOptions.UNBALANCED_QUOTE, "a quote opened on this line is not closed"
                + " within " + options.maxLinesPerRecord() + " lines, or closes leaving a record of another number of fields"
                + " than the header's " + mapping.fieldCount() + "; the line is set aside and reading resumes on the next"
                + " line (sources." + source.dirName() + ".max_lines_per_record)");
    }

    /** The chunk's bytes of {@code in}: seeked to its start, ending at its end. */
    private static InputStream range(InputStream in, InputFile.Chunk chunk) throws IOException {
        try {
            if (chunk.start() > 0) {
                if (in instanceof Seekable seekable) {
                    seekable.seek(chunk.start());
                } else {
                    in.skipNBytes(chunk.start());
                }
            }
            return chunk.end() < 0 ? in : new Bounded(in, chunk.end() - chunk.start());
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    /** Ends after {@code remaining} bytes, so that a chunk's reader sees its last record end as the end of the file. */
    private static final class Bounded extends FilterInputStream {

        private long remaining;

        Bounded(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    private Row toRow(InputFile file, CsvFileReader.Record rec, RowValidator.Outcome o) {
        int dataFields = source.columns().size() + (source.moneyColumn().isPresent() ? 2 : 0);
        List<Object> v = new ArrayList<>(7 + dataFields);
        v.add(o.accepted());
        v.add(o.reason());
        v.add(o.details());
        v.add(o.accepted() && !rawOfAccepted ? null : rec.raw());
        v.add(file.display());
        v.add(rec.line());
        v.add(file.batch());
        if (o.accepted()) {
            for (Object value : o.values()) {
                v.add(value);
            }
            if (source.moneyColumn().isPresent()) {
                v.add(o.baseAmount());
                v.add(o.fxRate());
            }
        } else {
            for (int i = 0; i < dataFields; i++) {
                v.add(null);
            }
        }
        return RowFactory.create(v.toArray());
    }
}
