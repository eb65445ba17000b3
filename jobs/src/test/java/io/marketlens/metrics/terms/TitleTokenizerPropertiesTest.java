package io.marketlens.metrics.terms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of title and attribute terms over arbitrary Unicode and over realistic title fragments. */
class TitleTokenizerPropertiesTest {

    /** Fragments that exercise every branch: stop words and phrases, scripts, widths, marks, emoji, digits. */
    private static final List<String> FRAGMENTS = List.of(
            " ", ",", "-", "/", "・", "　", "🔥", "\u0301", "\uD800",
            "USB", "ＵＳＢ", "Silicone", "silicone", "x", "500ml", "2024", "Café", "The", "SET", "pcs", "ml",
            "充电", "小风扇", "硅胶", "的", "个", "一", "件套", "新款", "包邮", "正品", "热", "卖",
            "シリコン", "ｺｰﾋｰ", "ー", "の", "실리콘", "주방", "हिन्दी", "٥٠٠", "①");

    @Provide
    Arbitrary<String> titles() {
        Arbitrary<String> composed = Arbitraries.of(FRAGMENTS).list().ofMaxSize(16).map(parts -> String.join("", parts));
        Arbitrary<String> anyUnicode = Arbitraries.strings().all().ofMaxLength(40);
        return Arbitraries.oneOf(composed, anyUnicode);
    }

    @Provide
    Arbitrary<String> attributeCells() {
        Arbitrary<String> piece = Arbitraries.of("Color", "color", " Material ", "材质", ":", "：", ";", "；", " ",
                "Black", "black", "Rose  Gold", "硅胶", "", "1:6");
        return Arbitraries.oneOf(
                piece.list().ofMaxSize(12).map(parts -> String.join("", parts)),
                Arbitraries.strings().all().ofMaxLength(40));
    }

    @Property
    void everyTermIsNonBlankLowerCaseAndNotAStopTerm(@ForAll("titles") String title) {
        for (String term : TitleTokenizer.titleTerms(title)) {
            assertThat(term).isNotBlank();
            assertThat(term).isEqualTo(term.toLowerCase(Locale.ROOT));
            assertThat(TitleTokenizer.isStopTerm(term)).as("stop term %s leaked from %s", term, title).isFalse();
        }
    }

    @Property
    void termsAreMadeOfLettersDigitsAndMarksOnly(@ForAll("titles") String title) {
        for (String term : TitleTokenizer.titleTerms(title)) {
            assertThat(term.codePoints().allMatch(cp -> Character.isLetterOrDigit(cp)
                            || Character.getType(cp) == Character.NON_SPACING_MARK
                            || Character.getType(cp) == Character.COMBINING_SPACING_MARK
                            || Character.getType(cp) == Character.ENCLOSING_MARK))
                    .as("term %s", term)
                    .isTrue();
            assertThat(term.codePoints().anyMatch(Character::isLetter)).as("term %s has a letter", term).isTrue();
        }
    }

    @Property
    void noDuplicates(@ForAll("titles") String title) {
        List<String> terms = TitleTokenizer.titleTerms(title);
        assertThat(new HashSet<>(terms)).hasSameSizeAs(terms);
    }

    @Property
    void tokenisingTheJoinedTermsAgainFindsNoNewTerm(@ForAll("titles") String title) {
        // a term is already normalised and never straddles a separator or a stop phrase
        List<String> terms = TitleTokenizer.titleTerms(title);
        assertThat(terms).containsAll(TitleTokenizer.titleTerms(String.join(" ", terms)));
    }

    @Property
    void attributeTermsAreTrimmedLowerCaseKeyValuePairs(@ForAll("attributeCells") String cell) {
        List<String> terms = TitleTokenizer.attributeTerms(cell);
        assertThat(new HashSet<>(terms)).hasSameSizeAs(terms);
        for (String term : terms) {
            int colon = term.indexOf(':');
            assertThat(colon).as("term %s", term).isPositive();
            assertThat(term.substring(0, colon)).isEqualTo(term.substring(0, colon).strip()).isNotBlank();
            assertThat(term.substring(colon + 1)).isEqualTo(term.substring(colon + 1).strip()).isNotBlank();
            assertThat(term).isEqualTo(term.toLowerCase(Locale.ROOT)).doesNotContain(";");
        }
    }
}
