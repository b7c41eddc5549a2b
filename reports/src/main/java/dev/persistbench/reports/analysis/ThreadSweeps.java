package dev.persistbench.reports.analysis;

import dev.persistbench.reports.model.Catalogue;
import dev.persistbench.reports.model.Summary.SweepPoint;
import dev.persistbench.reports.results.Paired;
import dev.persistbench.reports.results.Paired.Arm;
import dev.persistbench.reports.results.Paired.PatternResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The thread sweep (paired.json results with a {@code sweep} entry): per pattern, arm and thread
 * count, the throughput of all threads together, one operation's latency percentiles and the
 * operations that failed, beside the pool size, the placement and the server's rollbacks and
 * deadlocks of the fork. Every thread of a slice runs the same arm, so the ratio to the floor at a
 * thread count still compares the same seconds. These results never enter the 1-thread ranking.
 */
final class ThreadSweeps {

    private ThreadSweeps() {}

    static List<SweepPoint> of(Paired run, Catalogue catalogue) {
        List<SweepPoint> out = new ArrayList<>();
        List<PatternResult> swept = run.threadSweep().stream()
                .sorted(Comparator.comparing(PatternResult::pattern)
                        .thenComparing(PatternResult::dataSize, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(PatternResult::threads, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        for (PatternResult r : swept) {
            Paired.Sweep s = r.sweep();
            r.arms().stream()
                    .sorted(Comparator.comparingInt((Arm a) -> catalogue.order(a.impl())))
                    .forEach(a -> {
                        Paired.Load l = a.load();
                        out.add(new SweepPoint(
                                r.pattern(),
                                r.dataSize(),
                                a.floorArm() ? Paired.FLOOR : catalogue.idOf(a.impl()),
                                r.threads(),
                                s.poolSize(),
                                s.placementNote(),
                                l == null ? null : SummaryBuilder.round(l.opsPerSecond(), 1),
                                l == null ? null : SummaryBuilder.round(l.p50Us(), 1),
                                l == null ? null : SummaryBuilder.round(l.p99Us(), 1),
                                l == null ? null : SummaryBuilder.round(l.p999Us(), 1),
                                SummaryBuilder.round(a.usPerOp().estimate(), 3),
                                a.ratioToFloor() == null
                                        ? null
                                        : SummaryBuilder.round(a.ratioToFloor().estimate(), 3),
                                l == null ? null : l.ops(),
                                l == null ? null : l.errorCount(),
                                l == null || l.errors() == null ? Map.of() : l.errors(),
                                s.rollbacks(),
                                s.deadlocks(),
                                a.settled()));
                    });
        }
        return out;
    }
}
