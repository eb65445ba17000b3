package io.marketlens.run;

/** The exit codes of every marketlens command, in one place (the CLI's help footer lists them). */
public final class ExitCodes {

    /** The command did what it was asked. */
    public static final int OK = 0;
    /** The command failed, or a run completed without its report (its tables are published). */
    public static final int FAILED = 1;
    /** Bad usage or a bad config: nothing was done. */
    public static final int USAGE = 2;
    /** The run completed, but more rows than {@code max_quarantine_ratio} were quarantined. */
    public static final int QUARANTINE_ABOVE_THRESHOLD = 3;

    /** The help footer's sentence. */
    public static final String HELP = "Exit codes: " + OK + " ok, " + FAILED + " failed, " + USAGE + " bad usage or config, "
            + QUARANTINE_ABOVE_THRESHOLD + " completed with quarantined rows above the threshold.";

    private ExitCodes() {
    }
}
