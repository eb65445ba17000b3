package io.marketlens.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/** Base of a command whose stage is not part of this build: says so and exits 2, writing nothing. */
abstract class NotAvailableYet implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("marketlens " + spec.name() + ": not available yet in this version;"
                + " 'marketlens run' performs every stage that is.");
        return MarketlensCli.EXIT_USAGE;
    }
}
