package io.marketlens.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions recorded in the manifest, so a table can be traced to the code that computed it. */
public final class Versions {

    private Versions() {
    }

    public static String marketlens() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/marketlens-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    public static Map<String, String> all(String sparkVersion) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("marketlens", marketlens());
        m.put("spark", sparkVersion);
        m.put("java", System.getProperty("java.version"));
        return m;
    }
}
