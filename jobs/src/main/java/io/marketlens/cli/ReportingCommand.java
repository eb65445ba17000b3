package io.marketlens.cli;

import io.marketlens.reports.ReportRenderer;
import picocli.CommandLine.Mixin;

/** A command that publishes a run folder and so renders its report: it takes the report's options. */
abstract class ReportingCommand extends SparkCommand {

    @Mixin
    ReportOptions report;

    @Override
    ReportRenderer.Settings reportSettings() {
        return report.settings();
    }
}
