package dev.persistbench.reports.analysis;

import dev.persistbench.reports.model.Summary.DistancePoint;
import dev.persistbench.reports.results.Paired;
import dev.persistbench.reports.results.Paired.Arm;
import dev.persistbench.reports.results.Paired.PatternResult;
import dev.persistbench.reports.results.Paired.Probe;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The network patterns measured through the bench's delaying relay, each arm beside the same
 * pattern's loopback fork of the same run: µs/op and ratio to the floor at the distance, the gap
 * to the floor in µs at both, and how much that gap grew per µs of round trip added. A library
 * whose extra cost is CPU keeps its gap (growth about 0); one that sends k round trips more than
 * the floor grows it by k round trips (growth about k). The round trip itself is the one the arms
 * had, the median of each fork's SELECT 1 probes, not the one asked for.
 */
final class NetworkDistances {

    private NetworkDistances() {}

    static List<DistancePoint> of(Paired run) {
        List<DistancePoint> out = new ArrayList<>();
        List<PatternResult> far = run.distance().stream()
                .sorted(Comparator.comparing(PatternResult::pattern).thenComparing(PatternResult::addedRttMicros))
                .toList();
        for (PatternResult r : far) {
            Optional<PatternResult> near = run.loopback().stream()
                    .filter(l -> l.pattern().equals(r.pattern())
                            && Objects.equals(l.dataSize(), r.dataSize())
                            && Objects.equals(l.threads(), r.threads()))
                    .findFirst();
            Double rtt = probeMedian(r);
            Double loopbackRtt = near.map(NetworkDistances::probeMedian).orElse(null);
            Optional<Arm> floor = r.arms().stream().filter(Arm::floorArm).findFirst();
            Optional<Arm> nearFloor =
                    near.flatMap(l -> l.arms().stream().filter(Arm::floorArm).findFirst());
            for (Arm a : r.arms()) {
                Double gap = a.floorArm() || floor.isEmpty()
                        ? null
                        : a.usPerOp().estimate() - floor.get().usPerOp().estimate();
                Double nearGap = a.floorArm() || nearFloor.isEmpty()
                        ? null
                        : near.flatMap(l -> l.arms().stream()
                                        .filter(x -> x.impl().equals(a.impl()))
                                        .findFirst())
                                .map(x -> x.usPerOp().estimate()
                                        - nearFloor.get().usPerOp().estimate())
                                .orElse(null);
                Double growth =
                        gap == null || nearGap == null || rtt == null || loopbackRtt == null || rtt <= loopbackRtt
                                ? null
                                : (gap - nearGap) / (rtt - loopbackRtt);
                out.add(new DistancePoint(
                        r.pattern(),
                        r.dataSize(),
                        a.impl(),
                        r.addedRttMicros(),
                        SummaryBuilder.round(rtt, 1),
                        SummaryBuilder.round(loopbackRtt, 1),
                        SummaryBuilder.round(a.usPerOp().estimate(), 3),
                        SummaryBuilder.round(a.usPerOp().low(), 3),
                        SummaryBuilder.round(a.usPerOp().high(), 3),
                        a.ratioToFloor() == null
                                ? null
                                : SummaryBuilder.round(a.ratioToFloor().estimate(), 3),
                        a.ratioToFloor() == null
                                ? null
                                : SummaryBuilder.round(a.ratioToFloor().low(), 3),
                        a.ratioToFloor() == null
                                ? null
                                : SummaryBuilder.round(a.ratioToFloor().high(), 3),
                        SummaryBuilder.round(gap, 1),
                        SummaryBuilder.round(nearGap, 1),
                        SummaryBuilder.round(growth, 2),
                        a.settled()));
            }
        }
        return out;
    }

    /** Median of a fork's SELECT 1 probes, null when it has none. */
    static Double probeMedian(PatternResult r) {
        if (r.selectOne() == null || r.selectOne().isEmpty()) {
            return null;
        }
        List<Double> us = r.selectOne().stream().map(Probe::us).sorted().toList();
        return PairedPatterns.percentile(us, 0.5);
    }
}
