package io.marketlens.reports.pdf;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The fonts of a report: Liberation Sans (shipped inside PDFBox, always embedded, so a report never falls back
 * to the unembedded Standard-14 fonts) for Latin text, and a CJK font for Chinese when one is configured or found
 * on the system. Both are embedded as subsets; the same faces are offered to AWT for chart text.
 *
 * <p>Only fonts with TrueType outlines are used: PDFBox 3 subsets and embeds {@code glyf}-based fonts, but
 * not OpenType fonts with CFF outlines (Noto Sans CJK, Source Han Sans), which are skipped with a warning.
 */
public final class ReportFonts {

    /** The environment variable that names a CJK font file when none is configured. */
    public static final String ENV_VARIABLE = "MARKETLENS_CJK_FONT";

    /** The Latin face inside the pdfbox jar. */
    static final String LATIN_RESOURCE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    /** U+4E2D 中: a font that lacks it is no Chinese font. */
    private static final int HAN_PROBE = 0x4E2D;

    private static final String INSTALL_HINT = "install a TrueType CJK font (Debian/Ubuntu: apt-get install fonts-wqy-microhei;"
            + " Fedora: dnf install wqy-microhei-fonts) or point " + ENV_VARIABLE + " or the report font setting at a .ttf/.ttc"
            + " file with Chinese glyphs";

    /**
     * Common CJK fonts with TrueType outlines, then the CFF-based Noto files (tried last, skipped with a warning).
     * Paths: Debian/Ubuntu packages fonts-wqy-microhei, fonts-wqy-zenhei, fonts-droid-fallback, fonts-arphic-uming,
     * fonts-noto-cjk (opentype/noto); Fedora wqy-*-fonts and google-noto-*-cjk-fonts; macOS; Windows.
     */
    public static final List<Path> SYSTEM_CJK_FONTS = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
            Path.of("/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf"),
            Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"),
            Path.of("/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf"),
            Path.of("/System/Library/Fonts/PingFang.ttc"),
            Path.of("/System/Library/Fonts/STHeiti Light.ttc"),
            Path.of("/System/Library/Fonts/Supplemental/Arial Unicode.ttf"),
            Path.of("/Library/Fonts/Arial Unicode.ttf"),
            Path.of("C:/Windows/Fonts/msyh.ttc"),
            Path.of("C:/Windows/Fonts/simhei.ttf"),
            Path.of("C:/Windows/Fonts/simsun.ttc"),
            Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
            Path.of("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf"),
            Path.of("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc"),
            Path.of("/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc"),
            Path.of("/usr/share/google-noto-cjk-fonts/NotoSansCJK-Regular.ttc"));

    private static volatile byte[] latinBytes;
    private static Font latinAwt;

    private final CjkFace cjk;
    private final Font awtBase;
    private final Consumer<String> warnings;
    private boolean warnedUndisplayable;

    /** A usable CJK face: its file and, inside a collection, its PostScript name. */
    record CjkFace(Path file, boolean collection, String faceName) {}

    private ReportFonts(CjkFace cjk, Font awtBase, Consumer<String> warnings) {
        this.cjk = cjk;
        this.awtBase = awtBase;
        this.warnings = warnings;
    }

    /**
     * Finds the fonts: the configured file, else {@value #ENV_VARIABLE}, else the first usable of
     * {@link #SYSTEM_CJK_FONTS}. A configured or named file that is missing or unusable is reported through
     * {@code warnings} (with its path and the fix) and discovery goes on; without any CJK font the report is
     * still written, Chinese characters showing as '?'.
     */
    public static ReportFonts discover(Optional<Path> configured, Consumer<String> warnings) {
        return discover(configured, System::getenv, SYSTEM_CJK_FONTS, warnings);
    }

    /** {@link #discover(Optional, Consumer)} with the environment and the system font list given (for tests). */
    public static ReportFonts discover(Optional<Path> configured, Function<String, String> environment,
            List<Path> systemFonts, Consumer<String> warnings) {
        Objects.requireNonNull(warnings, "warnings");
        Font latinAwt = latinAwtFont();
        if (configured.isPresent()) {
            Optional<ReportFonts> f = tryFont(configured.get(), "the configured report font", warnings, latinAwt);
            if (f.isPresent()) {
                return f.get();
            }
        }
        String env = environment.apply(ENV_VARIABLE);
        if (env != null && !env.isBlank()) {
            Optional<ReportFonts> f = tryFont(Path.of(env.trim()), ENV_VARIABLE, warnings, latinAwt);
            if (f.isPresent()) {
                return f.get();
            }
        }
        for (Path p : systemFonts) {
            if (Files.isRegularFile(p)) {
                Optional<ReportFonts> f = tryFont(p, "the system font", warnings, latinAwt);
                if (f.isPresent()) {
                    return f.get();
                }
            }
        }
        return new ReportFonts(null, latinAwt, warnings);
    }

    private static Optional<ReportFonts> tryFont(Path file, String origin, Consumer<String> warnings, Font latinAwt) {
        if (!Files.isRegularFile(file)) {
            warnings.accept(origin + " " + file + " does not exist; " + INSTALL_HINT + ". Looking for another CJK font.");
            return Optional.empty();
        }
        try {
            CjkFace face = inspect(file);
            Font awt = awtFace(face);
            return Optional.of(new ReportFonts(face, awt, warnings));
        } catch (IOException | FontFormatException | RuntimeException e) {
            warnings.accept(origin + " " + file + " cannot be used: " + e.getMessage() + "; " + INSTALL_HINT
                    + ". Looking for another CJK font.");
            return Optional.empty();
        }
    }

    /** Checks that the file holds a TrueType-outline face with Chinese glyphs and picks the face of a collection. */
    private static CjkFace inspect(Path file) throws IOException {
        if (isCollection(file)) {
            List<String> names = new ArrayList<>();
            try (TrueTypeCollection ttc = new TrueTypeCollection(file.toFile())) {
                ttc.processAllFonts(ttf -> names.add(ttf.getName()));
                if (names.isEmpty()) {
                    throw new IOException("the font collection holds no fonts");
                }
                String name = chooseFace(names);
                checkUsable(ttc.getFontByName(name));
                return new CjkFace(file, true, name);
            }
        }
        try (TrueTypeFont ttf = parseSingle(file)) {
            checkUsable(ttf);
            return new CjkFace(file, false, ttf.getName());
        }
    }

    private static void checkUsable(TrueTypeFont ttf) throws IOException {
        if (ttf instanceof OpenTypeFont otf && otf.isPostScript()) {
            throw new IOException("it has CFF (PostScript) outlines, which PDFBox cannot embed as a subset");
        }
        if (ttf.getUnicodeCmapLookup(false) == null) {
            throw new IOException("it has no Unicode character map");
        }
        if (ttf.getUnicodeCmapLookup(false).getGlyphId(HAN_PROBE) == 0) {
            throw new IOException("it has no Chinese glyphs");
        }
    }

    private static boolean isCollection(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] tag = in.readNBytes(4);
            return tag.length == 4 && tag[0] == 't' && tag[1] == 't' && tag[2] == 'c' && tag[3] == 'f';
        }
    }

    private static TrueTypeFont parseSingle(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] tag = in.readNBytes(4);
            if (tag.length == 4 && tag[0] == 'O' && tag[1] == 'T' && tag[2] == 'T' && tag[3] == 'O') {
                throw new IOException("it is an OpenType font with CFF (PostScript) outlines, which PDFBox cannot embed"
                        + " as a subset");
            }
        }
        return new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
    }

    /**
     * The face of a collection to use: Simplified Chinese ("SC") before other regions, "Regular" before other
     * weights, never a bold, light or monospaced variant when a plain one exists; ties go to the first face.
     */
    static String chooseFace(List<String> names) {
        String best = names.get(0);
        int bestScore = Integer.MIN_VALUE;
        for (String n : names) {
            int score = faceScore(n);
            if (score > bestScore) {
                best = n;
                bestScore = score;
            }
        }
        return best;
    }

    private static int faceScore(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int score = 0;
        if (name.matches(".*(SC|sc|GB)([-_ ].*|$)") || n.contains("hans")) {
            score += 4;
        }
        if (n.contains("regular")) {
            score += 2;
        }
        if (n.matches(".*(bold|black|heavy|light|thin|medium|semibold|demi|mono|ultra|extra).*")) {
            score -= 8;
        }
        return score;
    }

    private static Font awtFace(CjkFace face) throws IOException, FontFormatException {
        Font[] fonts = Font.createFonts(face.file().toFile());
        for (Font f : fonts) {
            if (f.getPSName().equals(face.faceName()) || f.getFontName(Locale.ROOT).equals(face.faceName())) {
                return f;
            }
        }
        if (fonts.length == 0) {
            throw new FontFormatException("AWT found no font in the file");
        }
        return fonts[0];
    }

    /** Created once: AWT copies a stream font to a temporary file that lives until the JVM exits. */
    private static synchronized Font latinAwtFont() {
        if (latinAwt == null) {
            try {
                latinAwt = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(latinBytes()));
            } catch (IOException | FontFormatException e) {
                throw new IllegalStateException("cannot read " + LATIN_RESOURCE + " from the pdfbox jar: " + e.getMessage(), e);
            }
        }
        return latinAwt;
    }

    static byte[] latinBytes() {
        byte[] b = latinBytes;
        if (b == null) {
            try (InputStream in = ReportFonts.class.getResourceAsStream(LATIN_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(LATIN_RESOURCE + " is missing: is pdfbox on the class path?");
                }
                b = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            latinBytes = b;
        }
        return b;
    }

    /** Whether Chinese text renders (a CJK font was found). */
    public boolean hasCjk() {
        return cjk != null;
    }

    /** The CJK font file in use, if any (for the run's log and manifest). */
    public Optional<Path> cjkFontFile() {
        return Optional.ofNullable(cjk).map(CjkFace::file);
    }

    /** What is used, in words, e.g. "WenQuanYiMicroHei (/usr/share/fonts/...) + Liberation Sans". */
    public String describe() {
        return cjk == null ? "Liberation Sans (no CJK font)" : cjk.faceName() + " (" + cjk.file() + ") + Liberation Sans";
    }

    /**
     * An AWT font with the report's glyphs for chart text: the CJK face when present (it covers Latin too),
     * else Liberation Sans.
     */
    public Font awtFont(float size) {
        return awtBase.deriveFont(size);
    }

    /** {@link #awtFont(float)} in the given style ({@link Font#BOLD}: AWT emboldens the face when it has no bold). */
    public Font awtFont(int style, float size) {
        return awtBase.deriveFont(style, size);
    }

    /**
     * The text with every character the chart font cannot show replaced by '?', reported once (through the
     * warnings) per fonts object: for chart labels, which AWT would otherwise draw as empty boxes.
     */
    public synchronized String displayable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        List<String> missing = new ArrayList<>();
        text.codePoints().forEach(cp -> {
            if (awtBase.canDisplay(cp) || Character.isWhitespace(cp)) {
                sb.appendCodePoint(cp);
            } else {
                sb.append('?');
                missing.add(new String(Character.toChars(cp)));
            }
        });
        if (!missing.isEmpty() && !warnedUndisplayable) {
            warnedUndisplayable = true;
            warnings.accept(missingGlyphWarning(missing.get(0).codePointAt(0)));
        }
        return sb.toString();
    }

    static String missingGlyphWarning(int cp) {
        return String.format(Locale.ROOT, "the report fonts have no glyph for some characters (first: U+%04X '%s');"
                + " they are shown as '?'. To render Chinese, %s", cp, new String(Character.toChars(cp)), INSTALL_HINT);
    }

    Consumer<String> warnings() {
        return warnings;
    }

    /** Loads the faces into a document, as subsets embedded when the document is saved. */
    DocumentFonts openFor(PDDocument doc) throws IOException {
        TrueTypeFont latin = new TTFParser().parse(new RandomAccessReadBuffer(latinBytes()));
        if (cjk == null) {
            return new DocumentFonts(doc, latin, null, null);
        }
        if (cjk.collection()) {
            TrueTypeCollection ttc = new TrueTypeCollection(cjk.file().toFile());
            try {
                return new DocumentFonts(doc, latin, ttc.getFontByName(cjk.faceName()), ttc);
            } catch (IOException | RuntimeException e) {
                ttc.close();
                throw e;
            }
        }
        TrueTypeFont single = new TTFParser().parse(new RandomAccessReadBufferedFile(cjk.file().toFile()));
        return new DocumentFonts(doc, latin, single, single);
    }
}
