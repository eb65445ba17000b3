package io.marketlens.cli;

import picocli.CommandLine.Option;

/** The input folder option shared by run, ingest and validate. */
public class InputOption {

    @Option(names = "--input", required = true, paramLabel = "DIR",
            description = "Folder with sales/, competitors/, logistics/, fx_rates/ CSV exports (any may be absent).")
    String input;
}
