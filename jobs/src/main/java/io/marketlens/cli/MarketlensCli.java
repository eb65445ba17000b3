package io.marketlens.cli;

import io.marketlens.config.ConfigException;
import io.marketlens.ingest.InputFolderException;
import io.marketlens.ingest.UnreadableFileException;
import io.marketlens.run.ExitCodes;
import io.marketlens.run.Versions;
import io.marketlens.warehouse.WarehouseBusyException;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
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
        // plain text always: no colour codes in help or messages, whatever the terminal or picocli.ansi say
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.setParameterExceptionHandler(MarketlensCli::usageError);
        cli.setExecutionExceptionHandler(MarketlensCli::handle);
        return cli.execute(args);
    }

    /**
     * A usage mistake: one line saying what is wrong and one pointing at the command's help, instead of the whole
     * usage text.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        PrintWriter err = cmd.getErr();
        err.println(name + ": " + describe(e));
        err.println("Try '" + name + " --help'.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** The one line of a usage mistake. */
    static String describe(CommandLine.ParameterException e) {
        CommandLine cmd = e.getCommandLine();
        if (e instanceof CommandLine.MissingParameterException && !cmd.getUnmatchedArguments().isEmpty()) {
            // picocli checks required options before it reports unknown ones; a misspelled required option is
            // then "missing", and the misspelling is what to fix
            return unmatched(new CommandLine.UnmatchedArgumentException(cmd, cmd.getUnmatchedArguments()));
        }
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            return unmatched(u);
        }
        if (e.getCause() instanceof BadOptionValue bad) {
            return bad.getMessage();
        }
        return e.getMessage();
    }

    /**
     * What picocli could not match, with the closest known name: {@code unknown option '--inptu' (did you mean --input?)},
     * {@code unknown command 'valdate' (did you mean validate?)}.
     */
    private static String unmatched(CommandLine.UnmatchedArgumentException u) {
        CommandLine cmd = u.getCommandLine();
        List<String> args = u.getUnmatched();
        if (args.isEmpty()) {
            return u.getMessage();
        }
        String first = args.get(0);
        if (!isOption(first)) {
            // the arguments after it were not read: name only this one
            String what = cmd.getSubcommands().isEmpty() ? "unexpected argument '" : "unknown command '";
            return what + first + "'" + closest(cmd, first);
        }
        // the arguments after an unknown option are its values; only the options are named
        return args.stream().filter(MarketlensCli::isOption).map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) : a)
                .distinct().map(o -> "unknown option '" + o + "'" + closest(cmd, o)).collect(Collectors.joining("; "));
    }

    private static boolean isOption(String arg) {
        return arg.startsWith("-") && arg.length() > 1;
    }

    /** {@code " (did you mean --input?)"} with the known name most like {@code arg}, or nothing when none is. */
    private static String closest(CommandLine cmd, String arg) {
        List<String> suggestions = new CommandLine.UnmatchedArgumentException(cmd, List.of(arg)).getSuggestions();
        return suggestions.isEmpty() ? "" : " (did you mean " + suggestions.get(0) + "?)";
    }

    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean verbose = parsed.hasMatchedOption("--verbose") || parsed.subcommands().stream()
                .anyMatch(p -> p.hasMatchedOption("--verbose"));
        Throwable cause = rootOfInterest(e);
        if (cause instanceof ConfigException || cause instanceof InputFolderException) {
            err.println("marketlens: " + cause.getMessage());
            return ExitCodes.USAGE;
        }
        if (cause instanceof UnreadableFileException || cause instanceof WarehouseBusyException
                || cause instanceof io.marketlens.io.NotWritableException) {
            err.println("marketlens: " + cause.getMessage());
            return ExitCodes.FAILED;
        }
        if (io.marketlens.io.Storage.permissionDenied(e)) {
            // a file or folder the user cannot read or write, wherever the run met it: one sentence, no stack trace
            err.println("marketlens: permission denied" + io.marketlens.io.Storage.deniedPath(e).map(p -> " on " + p).orElse("")
                    + "; let the user running marketlens (" + System.getProperty("user.name") + ") read and write it, or"
                    + " give the option that names it another path");
            if (verbose) {
                e.printStackTrace(err);
            }
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
            if (t instanceof ConfigException || t instanceof InputFolderException || t instanceof UnreadableFileException
                    || t instanceof WarehouseBusyException || t instanceof io.marketlens.io.NotWritableException) {
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
