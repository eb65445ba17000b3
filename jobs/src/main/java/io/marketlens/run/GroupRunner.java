package io.marketlens.run;

import io.marketlens.metrics.MetricsContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Runs the metric groups, up to {@code threads} at the same time, and prints their progress lines in the groups' order.
 *
 * <p>Groups start in their order, those marked {@link MetricsStage.Group#first()} (which read no other group's table)
 * before the rest: a thread that finishes one takes the next not yet started. A group may read the
 * tables of the groups before it; a group's tables are announced to the context as it starts
 * ({@link MetricsContext#expect}), so a group that reads one still being computed waits for it. Since a group only
 * waits for groups that started before it, and the earliest unfinished group waits for none, the groups always finish.
 * Each table's figures come from its own group's code alone, so they are the same whatever ran beside it; only the
 * seconds printed per table depend on what shared the cores meanwhile.
 *
 * <p>A group's lines (a line per table, then its notices) are printed once it and every group before it have finished,
 * so the progress reads as if the groups had run one after the other. When a group fails, no further group starts, the
 * groups still running finish (or fail waiting for a table that will not come), and the first failure is thrown.
 */
final class GroupRunner {

    /** What a group wrote: its progress lines and its tables' names, in order. */
    record Done(List<String> lines, List<String> tables) {
    }

    private final List<MetricsStage.Group> groups;
    private final MetricsContext ctx;
    private final int threads;
    private final BiFunction<MetricsStage.Group, MetricsContext, Done> body;
    private final Consumer<String> progress;

    private final Done[] done;
    /** The groups' indices in the order they start: those started first, then the others, each in the groups' order. */
    private final int[] startOrder;
    private int next;
    private int printed;
    private Throwable failure;

    GroupRunner(List<MetricsStage.Group> groups, MetricsContext ctx, int threads,
                BiFunction<MetricsStage.Group, MetricsContext, Done> body, Consumer<String> progress) {
        this(groups, ctx, threads, body, progress, true);
    }

    /** With {@code startFirst} false, every group starts in the groups' order ({@link MetricsStage.Group#first()} not heeded). */
    GroupRunner(List<MetricsStage.Group> groups, MetricsContext ctx, int threads,
                BiFunction<MetricsStage.Group, MetricsContext, Done> body, Consumer<String> progress, boolean startFirst) {
        this.groups = List.copyOf(groups);
        this.ctx = ctx;
        this.threads = threads;
        this.body = body;
        this.progress = progress;
        this.done = new Done[groups.size()];
        java.util.function.IntPredicate early = i -> startFirst && this.groups.get(i).startsFirst();
        this.startOrder = java.util.stream.IntStream.concat(
                java.util.stream.IntStream.range(0, this.groups.size()).filter(early),
                java.util.stream.IntStream.range(0, this.groups.size()).filter(early.negate())).toArray();
    }

    /** Runs every group; returns the names of the tables written, in the groups' order. */
    List<String> run() {
        int n = Math.min(threads, groups.size());
        if (n <= 1) {
            work(); // on this thread, one group after the other
        } else {
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Thread t = new Thread(this::work, "marketlens-metrics-" + (i + 1));
                t.setDaemon(true); // a failing run's exit is not held up by a group still computing
                workers.add(t);
                t.start();
            }
            for (Thread t : workers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the metric tables were computed", e);
                }
            }
        }
        synchronized (this) {
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            List<String> names = new ArrayList<>();
            for (Done d : done) {
                names.addAll(d.tables());
            }
            return names;
        }
    }

    private void work() {
        while (true) {
            int i;
            synchronized (this) {
                if (failure != null || next >= groups.size()) {
                    return;
                }
                i = startOrder[next++];
                // announced as the group starts: a group that reads the table of one not started yet is out of
                // order, and fails at once instead of waiting for it
                ctx.expect(groups.get(i).tables().stream().map(t -> t.name()).toList());
            }
            try {
                finished(i, body.apply(groups.get(i), ctx));
            } catch (Throwable e) {
                failed(i, e);
                return;
            }
        }
    }

    private synchronized void finished(int i, Done d) {
        done[i] = d;
        while (printed < done.length && done[printed] != null) {
            done[printed].lines().forEach(progress);
            printed++;
        }
    }

    /** Records the first failure, stops further groups from starting and withdraws the failed group's tables. */
    private synchronized void failed(int i, Throwable e) {
        if (failure == null) {
            failure = e;
        }
        groups.get(i).tables().forEach(t -> ctx.withdraw(t.name(), e));
    }
}
