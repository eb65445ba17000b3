package io.marketlens.cli;

import io.marketlens.config.ConfigException;
import io.marketlens.ingest.UnreadableFileException;
import io.marketlens.run.ExitCodes;
import io.marketlens.run.Versions;
import io.marketlens.warehouse.WarehouseBusyException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code marketlens} command line. Exit codes: 0 ok, 1 failed, 2 bad usage or config,
 * 3 completed with quarantined rows above {@code max_quarantine_ratio}.
 */
@Command(name = "marketlens", mixinStandardHelpOptions = true, versionProvider = MarketlensCli.Version.class,
        description = "Market analysis for cross-border e-commerce sellers (T/CCPITCSC 111-2022) on Apache Spark.",
        subcommands = {RunCommand.class, IngestCommand.class, MetricsCommand.class, ReportCommand.class,
                ValidateCommand.class, GenerateCommand.class, DemoCommand.class},
        footer = {"", ExitCodes.HELP})
public final class MarketlensCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (run, ingest, metrics, report, validate, generate, demo)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new MarketlensCli());
        cli.setExecutionExceptionHandler(MarketlensCli::handle);
        return cli.execute(args);
    }

    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean verbose = parsed.hasMatchedOption("--verbose") || parsed.subcommands().stream()
                .anyMatch(p -> p.hasMatchedOption("--verbose"));
        Throwable cause = rootOfInterest(e);
        if (cause instanceof ConfigException) {
            err.println("marketlens: " + cause.getMessage());
            return ExitCodes.USAGE;
        }
        if (cause instanceof UnreadableFileException || cause instanceof WarehouseBusyException) {
            err.println("marketlens: " + cause.getMessage());
            return ExitCodes.FAILED;
        }
        err.println("marketlens: failed: " + cause);
        if (verbose) {
            e.printStackTrace(err);
        } else {
            err.println("(run again with --verbose for the full stack trace)");
        }
        return ExitCodes.FAILED;
    }

    /** Our own exceptions may arrive wrapped by Spark; find them. */
    static Throwable rootOfInterest(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException || t instanceof UnreadableFileException || t instanceof WarehouseBusyException) {
                return t;
            }
        }
        return e;
    }

    /** Version from the build. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"marketlens " + Versions.marketlens()};
        }
    }
}
