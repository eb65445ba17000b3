package io.marketlens.cli;

import picocli.CommandLine.Command;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write synthetic canonical exports with planted ground truth (not available yet in this version).")
final class GenerateCommand extends NotAvailableYet {
}
