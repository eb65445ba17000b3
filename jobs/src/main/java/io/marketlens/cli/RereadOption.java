package io.marketlens.cli;

import io.marketlens.config.ConfigException;
import io.marketlens.ingest.Reread;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --reread [FILE…|--all]}, shared by ingest and run: files of the registry to read again. */
public class RereadOption {

    @Option(names = "--reread", arity = "0..*", paramLabel = "FILE",
            description = "Read these files again although they were ingested with the same bytes and settings: each as the"
                    + " manifest shows it, or its path under the input folder (sales/orders.csv). Their rows and quarantined"
                    + " rows replace those of their earlier reading; newer files still win over them. A file is read again"
                    + " by itself when the settings of its source change.")
    List<String> files;

    @Option(names = "--all", description = "With --reread: read every file of the input folder again.")
    boolean all;

    /** What was asked for; a usage error for {@code --all} alone or {@code --reread} without a file. */
    Reread request() {
        if (files == null) {
            if (all) {
                throw new ConfigException("--all goes with --reread: --reread --all reads every file of the input folder again");
            }
            return Reread.NONE;
        }
        if (files.isEmpty() && !all) {
            throw new ConfigException("--reread needs the files to read again (as the manifest shows them, or under the"
                    + " input folder: sales/orders.csv), or --all");
        }
        return all ? Reread.everything() : new Reread(false, files);
    }
}
