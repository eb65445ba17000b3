package io.marketlens.cli;

import io.marketlens.reports.ReportRenderer;
import io.marketlens.reports.text.Lang;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How the report is rendered: its language and, where the system has none that is found, a CJK font. */
public class ReportOptions {

    @Option(names = "--lang", paramLabel = "en|zh", defaultValue = "en", converter = LangConverter.class,
            description = "Language of the report: en (default) or zh (Chinese, with the standard's terms).")
    Lang lang;

    @Option(names = "--font", paramLabel = "FILE", description = "A CJK font (.ttf, .otf or .ttc) for Chinese text; default:"
            + " $MARKETLENS_CJK_FONT, then common system fonts (WenQuanYi, Noto CJK, PingFang, Microsoft YaHei).")
    Path font;

    ReportRenderer.Settings settings() {
        return new ReportRenderer.Settings(lang, font);
    }

    /** {@code en} or {@code zh}; anything else is a usage error naming both. */
    static final class LangConverter implements picocli.CommandLine.ITypeConverter<Lang> {
        @Override
        public Lang convert(String value) {
            try {
                return Lang.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
