package io.marketlens.cli;

import picocli.CommandLine.Command;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Re-render the PDF and charts of a finished run without Spark (not available yet in this version).")
final class ReportCommand extends NotAvailableYet {
}
