package io.marketlens.reports.pdf;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The report fonts loaded into one document: picks, per character, the face that has its glyph (Latin face
 * first, CJK face for the rest), replaces a character neither face has by '?', and measures text.
 */
final class DocumentFonts implements Closeable {

    /** One embedded face: its PDF font, its character map and its advance widths. */
    static final class Face {
        final PDType0Font pdf;
        private final CmapLookup cmap;
        private final TrueTypeFont ttf;
        private final float perEm;
        private final Map<Integer, Float> advances = new HashMap<>();

        Face(PDDocument doc, TrueTypeFont ttf) throws IOException {
            this.ttf = ttf;
            this.cmap = ttf.getUnicodeCmapLookup(false);
            this.perEm = 1000f / ttf.getUnitsPerEm();
            // each character drawn with its own glyph, the glyph whose advance the layout measured (advance): PDFBox
            // otherwise applies the font's substitutions (Latin ligatures such as "fi") as it writes the text, which can
            // draw other glyphs than were measured, and splits every word with regular expressions to do so (a third of
            // the report's Java samples in a profile of the demo's report)
            ttf.setEnableGsub(false);
            this.pdf = PDType0Font.load(doc, ttf, true);
        }

        boolean has(int cp) {
            return cmap != null && cmap.getGlyphId(cp) != 0;
        }

        /** Advance width in thousandths of the font size. */
        float advance(int cp) {
            return advances.computeIfAbsent(cp, c -> {
                try {
                    return ttf.getAdvanceWidth(cmap.getGlyphId(c)) * perEm;
                } catch (IOException e) {
                    return 500f; // a damaged hmtx entry: half an em keeps the layout going
                }
            });
        }
    }

    /** A stretch of text drawn with one face. */
    record Run(Face face, String text) {}

    private final Face latin;
    private final Face cjk;
    private final Closeable cjkSource;
    private final TrueTypeFont latinTtf;
    private boolean warnedMissing;

    DocumentFonts(PDDocument doc, TrueTypeFont latin, TrueTypeFont cjk, Closeable cjkSource) throws IOException {
        this.latinTtf = latin;
        this.latin = new Face(doc, latin);
        this.cjk = cjk == null ? null : new Face(doc, cjk);
        this.cjkSource = cjkSource;
    }

    private static final int NO_BREAK_SPACE = 0x00A0;

    /**
     * The text as it will be drawn: tabs and other white space become spaces, except a no-break space (U+00A0, which
     * the label files put where a term must not break: "DOJ 2023") when the face has it; other control characters
     * are dropped, and characters without a glyph in either face become '?' (the first one reported).
     */
    String printable(String text, Consumer<String> warnings) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == NO_BREAK_SPACE && faceFor(cp) != null) {
                sb.appendCodePoint(cp);
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                sb.append(' ');
            } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                // zero-width and control characters have no visible form
                continue;
            } else if (faceFor(cp) != null) {
                sb.appendCodePoint(cp);
            } else {
                sb.append('?');
                if (!warnedMissing) {
                    warnedMissing = true;
                    warnings.accept(ReportFonts.missingGlyphWarning(cp));
                }
            }
        }
        return sb.toString();
    }

    private Face faceFor(int cp) {
        if (latin.has(cp)) {
            return latin;
        }
        if (cjk != null && cjk.has(cp)) {
            return cjk;
        }
        return null;
    }

    /** Width in points of one printable character at the size. */
    float width(int cp, float size) {
        Face f = faceFor(cp);
        return f == null ? 0f : f.advance(cp) * size / 1000f;
    }

    /** Width in points of printable text at the size. */
    float width(String printable, float size) {
        float w = 0;
        for (int i = 0; i < printable.length(); ) {
            int cp = printable.codePointAt(i);
            w += width(cp, size);
            i += Character.charCount(cp);
        }
        return w;
    }

    /** Printable text cut into runs of one face each; a space keeps the face of the run it is in. */
    List<Run> runs(String printable) {
        List<Run> out = new ArrayList<>();
        Face current = null;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < printable.length(); ) {
            int cp = printable.codePointAt(i);
            i += Character.charCount(cp);
            Face f = cp == ' ' && current != null && current.has(' ') ? current : faceFor(cp);
            if (f == null) {
                continue; // not printable: printable() never lets one through
            }
            if (f != current && sb.length() > 0) {
                out.add(new Run(current, sb.toString()));
                sb.setLength(0);
            }
            current = f;
            sb.appendCodePoint(cp);
        }
        if (sb.length() > 0) {
            out.add(new Run(current, sb.toString()));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            latinTtf.close();
        } finally {
            if (cjkSource != null) {
                cjkSource.close();
            }
        }
    }
}
