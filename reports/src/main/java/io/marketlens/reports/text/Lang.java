package io.marketlens.reports.text;

import java.util.Locale;

/** The languages a report is written in. */
public enum Lang {
    EN(Locale.ENGLISH),
    ZH(Locale.SIMPLIFIED_CHINESE);

    private final Locale locale;

    Lang(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code en} or {@code zh} (case-insensitive). */
    public static Lang parse(String code) {
        for (Lang l : values()) {
            if (l.code().equalsIgnoreCase(code.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown report language '" + code + "': use en or zh");
    }
}
