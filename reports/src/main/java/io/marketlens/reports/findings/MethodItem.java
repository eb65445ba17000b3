package io.marketlens.reports.findings;

/**
 * One entry of the methodology appendix: a metric's name and how it is computed (formulas, defaults,
 * sources). Lines of {@code body} are separated by {@code \n}; each is a paragraph of its own.
 */
public record MethodItem(String title, String body) {
}
