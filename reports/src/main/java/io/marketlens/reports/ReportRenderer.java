package io.marketlens.reports;

import io.marketlens.reports.charts.ChartPng;
import io.marketlens.reports.charts.ChartStyle;
import io.marketlens.reports.charts.ReportChart;
import io.marketlens.reports.charts.ReportCharts;
import io.marketlens.reports.data.RunFolder;
import io.marketlens.reports.layout.Block;
import io.marketlens.reports.pdf.PdfReport;
import io.marketlens.reports.pdf.PdfTable;
import io.marketlens.reports.pdf.ReportFonts;
import io.marketlens.reports.text.Lang;
import io.marketlens.reports.text.Numbers;
import io.marketlens.reports.text.Section;
import io.marketlens.reports.text.Texts;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Renders a finished run's report from its folder alone (manifest and CSV tables, no Spark): the
 * charts as PNG files and {@code report.pdf} — cover, key findings, one section per metric group with its
 * charts drawn as vectors and its tables, and the data-quality and methodology appendices — in English
 * or Chinese.
 */
public final class ReportRenderer {

    /** What a run asks of its report: the language and, optionally, the CJK font to use. */
    public record Settings(Lang lang, Path font) {

        public static final Settings DEFAULT = new Settings(Lang.EN, null);

        public Settings {
            lang = lang == null ? Lang.EN : lang;
        }

        /** Into the run folder: {@code report.pdf} and {@code charts/}. */
        public Options forRun(RunFolder run) {
            return new Options(lang, run.pdf(), run.chartsDir(), font);
        }
    }

    /** Where to write, in which language, with which font ({@code font} may be null: discovered). */
    public record Options(Lang lang, Path pdf, Path chartsDir, Path font) {
    }

    /** What was written; {@code lang} is the language rendered (English when Chinese had no font). */
    public record Result(Path pdf, List<Path> charts, int pages, Lang lang) {
    }

    /** Room a level-2 heading takes above the block it stays with. */
    private static final float HEADING2_SPACE = 45f;

    private ReportRenderer() {
    }

    public static Result render(RunFolder run, Options options, String version, Consumer<String> warnings) {
        return render(run, options, version, warnings, ReportFonts.discover(Optional.ofNullable(options.font()), warnings));
    }

    /**
     * As {@link #render(RunFolder, Options, String, Consumer)}, with the fonts {@code fonts} looked for ahead (their
     * warnings, if any, go to {@code warnings} first). {@code options.font()} is not looked at: {@code fonts} was started
     * with the run's font.
     */
    public static Result render(RunFolder run, Options options, String version, Consumer<String> warnings, FontSearch fonts) {
        return render(run, options, version, warnings, fonts.await(warnings));
    }

    /**
     * Starts looking for the report's fonts ({@code font}, else as {@link ReportFonts#discover} says) on a thread of its
     * own: reading and checking a CJK font file takes a few tenths of a second, which a run spends while its tables are
     * computed instead of before its report.
     */
    public static FontSearch searchFonts(Path font) {
        return new FontSearch(font);
    }

    /** The fonts {@link #searchFonts} is looking for; the warnings of the search are kept until {@link #await}. */
    public static final class FontSearch {
        private final java.util.concurrent.CountDownLatch searched = new java.util.concurrent.CountDownLatch(1);
        private final List<String> early = new java.util.ArrayList<>();
        private volatile ReportFonts fonts;
        private volatile Throwable failure;
        private Consumer<String> target;

        private FontSearch(Path font) {
            Thread t = new Thread(() -> {
                try {
                    fonts = ReportFonts.discover(Optional.ofNullable(font), this::warn);
                } catch (RuntimeException | Error e) {
                    failure = e; // thrown to the rendering that waits for the fonts
                } finally {
                    searched.countDown();
                }
            }, "marketlens-fonts");
            t.setDaemon(true); // a run that fails before its report does not wait for it
            t.start();
        }

        private synchronized void warn(String warning) {
            if (target == null) {
                early.add(warning);
            } else {
                target.accept(warning);
            }
        }

        /**
         * The fonts, once found; the search's warnings go to {@code warnings}, and so do those the fonts give while the
         * report is rendered (a character no font has). A search that failed is thrown as it failed.
         */
        ReportFonts await(Consumer<String> warnings) {
            try {
                searched.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the report's fonts were looked for", e);
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw (RuntimeException) failure; // an Error is thrown above
            }
            synchronized (this) {
                early.forEach(warnings);
                early.clear();
                target = warnings;
            }
            return fonts;
        }
    }

    /** With the fonts given (tests render as on a machine without a CJK font). */
    static Result render(RunFolder run, Options options, String version, Consumer<String> warnings, ReportFonts fonts) {
        Lang lang = options.lang();
        if (lang == Lang.ZH && !fonts.hasCjk()) {
            warnings.accept("no Chinese (CJK) font was found, so the report is rendered in English; install one (Debian:"
                    + " apt-get install fonts-wqy-microhei) or pass --font FILE / set MARKETLENS_CJK_FONT");
            lang = Lang.EN;
        }
        Texts texts = Texts.of(lang);
        Numbers numbers = new Numbers(lang, run.manifest().baseCurrency());
        ChartStyle style = new ChartStyle(fonts.awtFont(12f));
        // the images are drawn and written while the PDF is rendered, from charts of their own built from the same tables
        // (a chart is drawn by one thread at a time)
        ChartPng.Writing pngs = ChartPng.writeAllInBackground(() -> new ReportCharts(run, texts, numbers, style).all(),
                options.chartsDir());
        boolean done = false;
        try {
            ReportCharts reportCharts = new ReportCharts(run, texts, numbers, style);
            List<ReportChart> charts = reportCharts.all();
            ReportContent content = new ReportContent(run, texts, numbers, bySection(charts), reportCharts.byCategory());
            Result result = renderPdf(run, options, version, warnings, fonts, texts, content, pngs, lang);
            done = true;
            return result;
        } finally {
            if (!done) {
                pngs.cancel();
            }
        }
    }

    private static Result renderPdf(RunFolder run, Options options, String version, Consumer<String> warnings, ReportFonts fonts,
            Texts texts, ReportContent content, ChartPng.Writing pngs, Lang lang) {
        try (PdfReport pdf = new PdfReport(fonts, "marketlens · " + texts.get("report.title") + " · " + run.manifest().asOf(),
                warnings)) {
            pdf.cover(texts.get("report.title"), texts.get("cover.subtitle"), content.coverFacts(version));
            List<Block> blocks = content.build(warnings);
            for (int i = 0; i < blocks.size(); i++) {
                if (blocks.get(i) instanceof Block.Heading h && h.level() == 2 && i + 1 < blocks.size()
                        && blocks.get(i + 1) instanceof Block.Chart c) {
                    // a subsection heading goes to the next page with its chart rather than stay alone at the bottom
                    pdf.keepTogether(HEADING2_SPACE + c.heightPt());
                }
                draw(pdf, blocks.get(i));
            }
            pdf.save(options.pdf());
            return new Result(options.pdf(), pngs.await(), pdf.pageCount(), lang);
        }
    }

    private static void draw(PdfReport pdf, Block block) {
        if (block instanceof Block.Heading h) {
            if (h.level() == 1) {
                pdf.heading1(h.text());
            } else {
                pdf.heading2(h.text());
            }
        } else if (block instanceof Block.Paragraph p) {
            pdf.paragraph(p.text());
        } else if (block instanceof Block.Bullets b) {
            pdf.bullets(b.items(), b.numbered());
        } else if (block instanceof Block.Tiles t) {
            pdf.tiles(t.tiles().stream().map(x -> new String[]{x.label(), x.value(), x.change()}).toList());
        } else if (block instanceof Block.Note n) {
            pdf.note(n.text());
        } else if (block instanceof Block.Chart c) {
            pdf.chart(c.chart().chart(), c.heightPt());
        } else if (block instanceof Block.Table t) {
            pdf.table(toPdf(t));
        }
    }

    private static PdfTable toPdf(Block.Table t) {
        PdfTable.Builder b = PdfTable.builder().caption(t.caption());
        for (Block.Column c : t.columns()) {
            b.column(c.header(), c.width(), c.numeric() ? PdfTable.Align.RIGHT : PdfTable.Align.LEFT);
        }
        t.rows().forEach(b::row);
        t.highlighted().forEach(b::highlight);
        for (int r = 0; r < t.rows().size(); r++) {
            for (int c = 0; c < t.columns().size(); c++) {
                b.fill(r, c, t.fill(r, c));
            }
        }
        return b.build();
    }

    /** The charts of each chapter, in their order; charts of one category are placed by category and left out. */
    static Map<Section, List<ReportChart>> bySection(List<ReportChart> charts) {
        Map<Section, List<ReportChart>> out = new EnumMap<>(Section.class);
        for (ReportChart c : charts) {
            if (c.section() != null) {
                out.computeIfAbsent(c.section(), k -> new java.util.ArrayList<>()).add(c);
            }
        }
        return out;
    }
}
