package io.marketlens.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Font;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFontsTest {

    /** fonts-wqy-microhei on Debian/Ubuntu (installed on this machine and in CI). */
    static final Path WQY = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    private final List<String> warnings = new ArrayList<>();

    @TempDir
    Path tmp;

    @Test
    void choosesTheSimplifiedChineseRegularFaceOfACollection() {
        // wqy-microhei.ttc: the proportional face before its monospaced twin
        assertThat(ReportFonts.chooseFace(List.of("WenQuanYiMicroHei", "WenQuanYiMicroHeiMono"))).isEqualTo("WenQuanYiMicroHei");
        // NotoSansCJK-Regular.ttc lists Japanese first
        assertThat(ReportFonts.chooseFace(List.of("NotoSansCJKjp-Regular", "NotoSansCJKkr-Regular", "NotoSansCJKsc-Regular",
                "NotoSansCJKtc-Regular"))).isEqualTo("NotoSansCJKsc-Regular");
        assertThat(ReportFonts.chooseFace(List.of("PingFangHK-Ultralight", "PingFangSC-Ultralight", "PingFangSC-Regular",
                "PingFangTC-Regular"))).isEqualTo("PingFangSC-Regular");
        assertThat(ReportFonts.chooseFace(List.of("MicrosoftYaHei", "MicrosoftYaHeiUI"))).isEqualTo("MicrosoftYaHei");
    }

    @Test
    void withoutAnyCjkFontTheLatinFaceServesChartsAndChineseBecomesQuestionMarks() {
        ReportFonts fonts = ReportFonts.discover(Optional.empty(), k -> null, List.of(), warnings::add);

        assertThat(fonts.hasCjk()).isFalse();
        assertThat(fonts.cjkFontFile()).isEmpty();
        assertThat(warnings).isEmpty();
        Font f = fonts.awtFont(11f);
        assertThat(f.getFamily(java.util.Locale.ROOT)).isEqualTo("Liberation Sans");
        assertThat(f.getSize2D()).isEqualTo(11f);
        assertThat(fonts.displayable("中A 中")).isEqualTo("?A ?");
        assertThat(fonts.displayable("国")).isEqualTo("?");
        assertThat(warnings).hasSize(1); // once per fonts object, not per string
        assertThat(warnings.get(0)).contains("U+4E2D").contains("fonts-wqy-microhei");
    }

    @Test
    void aMissingConfiguredFileIsNamedInAWarningAndDiscoveryGoesOn() {
        assumeTrue(Files.isRegularFile(WQY), "fonts-wqy-microhei is not installed");
        Path missing = tmp.resolve("nope/SimHei.ttf");

        ReportFonts fonts = ReportFonts.discover(Optional.of(missing), k -> null, List.of(WQY), warnings::add);

        assertThat(fonts.hasCjk()).isTrue();
        assertThat(fonts.cjkFontFile()).contains(WQY);
        assertThat(fonts.describe()).startsWith("WenQuanYiMicroHei (");
        assertThat(warnings).singleElement().asString()
                .contains(missing.toString()).contains("does not exist").contains(ReportFonts.ENV_VARIABLE);
    }

    @Test
    void aFileThatIsNoFontIsReportedAndSkipped() throws Exception {
        Path garbage = Files.writeString(tmp.resolve("broken.ttf"), "this is not a font");

        ReportFonts fonts = ReportFonts.discover(Optional.of(garbage), k -> null, List.of(), warnings::add);

        assertThat(fonts.hasCjk()).isFalse();
        assertThat(warnings).singleElement().asString().contains(garbage.toString()).contains("cannot be used");
    }

    @Test
    void aFontWithoutChineseGlyphsIsNoCjkFont() throws Exception {
        Path latinOnly = Files.write(tmp.resolve("LiberationSans-Regular.ttf"), ReportFonts.latinBytes());

        ReportFonts fonts = ReportFonts.discover(Optional.of(latinOnly), k -> null, List.of(), warnings::add);

        assertThat(fonts.hasCjk()).isFalse();
        assertThat(warnings).singleElement().asString().contains(latinOnly.toString()).contains("no Chinese glyphs");
    }

    @Test
    void anOpenTypeFileWithCffOutlinesIsSkippedWithAWarning() throws Exception {
        // the 'OTTO' tag at offset 0 marks CFF outlines (Noto Sans CJK .otf); the check comes before parsing
        Path cff = Files.write(tmp.resolve("NotoSansCJKsc-Regular.otf"), new byte[] {'O', 'T', 'T', 'O', 0, 0, 0, 0});

        ReportFonts fonts = ReportFonts.discover(Optional.of(cff), k -> null, List.of(), warnings::add);

        assertThat(fonts.hasCjk()).isFalse();
        assertThat(warnings).singleElement().asString().contains(cff.toString()).contains("CFF");
    }

    @Test
    void theEnvironmentVariableComesBeforeTheSystemFonts() throws Exception {
        assumeTrue(Files.isRegularFile(WQY), "fonts-wqy-microhei is not installed");
        Path broken = Files.writeString(tmp.resolve("broken.ttc"), "ttcf but not really");
        Map<String, String> env = Map.of(ReportFonts.ENV_VARIABLE, WQY.toString());

        // the env font is used although the (broken) system list comes later and is never read
        ReportFonts fonts = ReportFonts.discover(Optional.empty(), env::get, List.of(broken), warnings::add);

        assertThat(fonts.cjkFontFile()).contains(WQY);
        assertThat(warnings).isEmpty();
        assertThat(fonts.awtFont(10f).canDisplay('中')).isTrue();
        assertThat(fonts.displayable("市场集中度 HHI")).isEqualTo("市场集中度 HHI");
    }

    @Test
    void systemCandidatesThatDoNotExistAreSkippedSilently() {
        ReportFonts fonts = ReportFonts.discover(Optional.empty(), k -> null,
                List.of(tmp.resolve("a.ttc"), tmp.resolve("b.ttf")), warnings::add);

        assertThat(fonts.hasCjk()).isFalse();
        assertThat(warnings).isEmpty();
    }
}
