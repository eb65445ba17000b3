package io.marketlens.cli;

import picocli.CommandLine.Command;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Compute the metric tables from the warehouse (not available yet in this version).")
final class MetricsCommand extends NotAvailableYet {
}
