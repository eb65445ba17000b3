package io.marketlens.cli;

import io.marketlens.reports.ReportRenderer;
import io.marketlens.reports.data.RunFolder;
import io.marketlens.run.ExitCodes;
import io.marketlens.run.Versions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render the PDF and charts of a finished run again from its tables, without Spark"
                + " (e.g. in the other language): <run>/report.pdf and <run>/charts/*.png unless --out is given.")
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A published run folder (<output>/<as_of>).")
    Path run;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the PDF (default <run>/report.pdf); the charts"
            + " go to a charts/ folder beside it.")
    Path out;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() {
        RunFolder folder;
        try {
            folder = RunFolder.open(run);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("marketlens report: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        ReportRenderer.Options options = report.settings().forRun(folder);
        if (out != null) {
            Path pdf = out.toAbsolutePath();
            options = new ReportRenderer.Options(options.lang(), pdf, pdf.getParent().resolve("charts"), options.font());
        }
        if (Files.isDirectory(options.pdf())) {
            spec.commandLine().getErr().println("marketlens report: --out " + options.pdf() + " is a folder; give a file name,"
                    + " e.g. " + options.pdf().resolve("report.pdf"));
            return ExitCodes.USAGE;
        }
        ReportRenderer.Result r = ReportRenderer.render(folder, options, Versions.marketlens(),
                w -> System.err.println("marketlens report: warning: " + w));
        System.err.printf(Locale.ROOT, "report: %d pages (%s), %d charts in %s%n", r.pages(), r.lang().code(), r.charts().size(),
                options.chartsDir());
        System.out.println(r.pdf());
        return ExitCodes.OK;
    }
}
