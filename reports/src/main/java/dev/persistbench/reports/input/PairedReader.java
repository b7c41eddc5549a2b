package dev.persistbench.reports.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.persistbench.contract.Pattern;
import dev.persistbench.contract.Variant;
import dev.persistbench.reports.model.Catalogue;
import dev.persistbench.reports.results.Paired;
import dev.persistbench.reports.results.Paired.Arm;
import dev.persistbench.reports.results.Paired.Interval;
import dev.persistbench.reports.results.Paired.PatternResult;
import dev.persistbench.reports.results.Paired.Probe;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads paired.json into the shared {@link Paired} with Jackson, strictly: a value of the wrong type, a
 * missing required field or an interval whose bounds do not enclose its median fails with an
 * {@link InputException} naming the file and the field ({@code results[0].arms[1].usPerOp.low}).
 */
final class PairedReader {

    /** The format version this reader understands. */
    static final int SCHEMA = 1;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Path file;

    private PairedReader(Path file) {
        this.file = file;
    }

    static Paired read(Path file) {
        // Syntax first (line and column of a broken file), then the typed mapping (the field of a wrong value).
        JsonNode tree = JsonFiles.readObject(file);
        Paired run;
        try {
            run = MAPPER.treeToValue(tree, Paired.class);
        } catch (JsonMappingException e) {
            String field = path(e.getPath());
            throw new InputException(
                    file,
                    (field.isEmpty() ? "" : "field " + field + ": ") + "wrong type or shape: " + e.getOriginalMessage(),
                    e);
        } catch (JsonProcessingException e) {
            throw new InputException(file, "cannot be mapped: " + e.getOriginalMessage(), e);
        }
        new PairedReader(file).check(run);
        return run;
    }

    /**
     * Checks that every arm of {@code run} other than the floor is an implementation of {@code catalogue}
     * or a variant of one.
     *
     * @throws InputException naming the first arm that is not
     */
    static void checkArms(Path file, Paired run, Catalogue catalogue) {
        for (int i = 0; i < run.results().size(); i++) {
            List<Arm> arms = run.results().get(i).arms();
            for (int j = 0; j < arms.size(); j++) {
                Arm a = arms.get(j);
                if (!a.floorArm()
                        && catalogue.byId(Variant.implementationOf(a.impl())).isEmpty()) {
                    new PairedReader(file)
                            .fail(
                                    "results[" + i + "].arms[" + j + "].impl",
                                    "\"" + a.impl() + "\" is not an implementation of implementations.json ("
                                            + String.join(", ", catalogue.ids()) + "), a variant of one (jdbc:name)"
                                            + " nor the floor (" + Paired.FLOOR + ")");
                }
            }
        }
    }

    private void check(Paired run) {
        if (run.schema() == null) {
            fail("schema", "is missing (expected " + SCHEMA + ")");
        }
        if (run.schema() != SCHEMA) {
            fail("schema", "is " + run.schema() + ", this report reads version " + SCHEMA);
        }
        require(run.results(), "results");
        for (int i = 0; i < run.results().size(); i++) {
            check(run.results().get(i), "results[" + i + "]");
        }
    }

    private void check(PatternResult r, String at) {
        require(r, at);
        require(r.pattern(), at + ".pattern");
        if (Pattern.byId(r.pattern()).isEmpty()) {
            fail(at + ".pattern", "\"" + r.pattern() + "\" is not a pattern id (P01 .. P13)");
        }
        require(r.settled(), at + ".settled");
        positive(r.threads(), at + ".threads");
        positive(r.dataSize(), at + ".dataSize");
        if (r.rttMicros() != null && r.rttMicros() < 0) {
            fail(at + ".rttMicros", "is " + r.rttMicros() + " (expected 0 or a positive round-trip time in µs)");
        }
        require(r.arms(), at + ".arms");
        if (r.arms().isEmpty()) {
            fail(at + ".arms", "is empty (expected the implementations and the floor)");
        }
        Set<String> arms = new HashSet<>();
        boolean hasFloor = r.arms().stream().anyMatch(a -> a != null && a.floorArm());
        for (int j = 0; j < r.arms().size(); j++) {
            Arm a = r.arms().get(j);
            String aAt = at + ".arms[" + j + "]";
            require(a, aAt);
            require(a.impl(), aAt + ".impl");
            boolean floor = a.floorArm();
            // A variant's arm is "implementation:variant" ("jdbc:read-tx").
            if (!floor
                    && (a.impl().isBlank()
                            || a.impl().startsWith(Variant.SEPARATOR)
                            || a.impl().endsWith(Variant.SEPARATOR))) {
                fail(
                        aAt + ".impl",
                        "\"" + a.impl() + "\" is not an implementation id, a variant of one (jdbc:name) nor the floor ("
                                + Paired.FLOOR + ")");
            }
            if (!arms.add(a.impl())) {
                fail(aAt + ".impl", "\"" + a.impl() + "\" appears twice in " + at + ".arms");
            }
            interval(a.usPerOp(), aAt + ".usPerOp");
            require(a.settled(), aAt + ".settled");
            if (a.bytesPerOp() != null && a.bytesPerOp() < 0) {
                fail(aAt + ".bytesPerOp", "is negative: " + a.bytesPerOp());
            }
            if (!floor && hasFloor) {
                interval(a.ratioToFloor(), aAt + ".ratioToFloor");
            } else if (a.ratioToFloor() != null) {
                interval(a.ratioToFloor(), aAt + ".ratioToFloor");
            }
        }
        require(r.groups(), at + ".groups");
        Set<String> grouped = new HashSet<>();
        for (int g = 0; g < r.groups().size(); g++) {
            List<String> group = r.groups().get(g);
            require(group, at + ".groups[" + g + "]");
            if (group.isEmpty()) {
                fail(at + ".groups[" + g + "]", "is an empty group");
            }
            for (int k = 0; k < group.size(); k++) {
                String m = group.get(k);
                String mAt = at + ".groups[" + g + "][" + k + "]";
                require(m, mAt);
                Arm arm = r.arms().stream()
                        .filter(a -> a.impl().equals(m))
                        .findFirst()
                        .orElse(null);
                if (arm == null || arm.floorArm()) {
                    fail(mAt, "\"" + m + "\" is not an implementation arm of " + at + ".arms");
                }
                if (!grouped.add(m)) {
                    fail(mAt, "\"" + m + "\" is in more than one group");
                }
            }
        }
        if (r.ordersInGroups() != null) {
            for (int k = 0; k < r.ordersInGroups().size(); k++) {
                List<String> order = r.ordersInGroups().get(k);
                String oAt = at + ".ordersInGroups[" + k + "]";
                require(order, oAt);
                if (order.size() != 2 || order.contains(null) || order.get(0).equals(order.get(1))) {
                    fail(oAt, "is " + order + " (expected [faster, slower], two different implementations)");
                }
                if (r.groups().stream().noneMatch(g -> g.containsAll(order))) {
                    fail(oAt, order + " are not members of one group of " + at + ".groups");
                }
            }
        }
        if (r.selectOne() != null) {
            for (int k = 0; k < r.selectOne().size(); k++) {
                Probe p = r.selectOne().get(k);
                String pAt = at + ".selectOne[" + k + "]";
                require(p, pAt);
                require(p.epochMillis(), pAt + ".epochMillis");
                require(p.us(), pAt + ".us");
                probeTime(p.cpuLoopUs(), pAt + ".cpuLoopUs");
                probeTime(p.memoryWalkUs(), pAt + ".memoryWalkUs");
            }
        }
    }

    private void interval(Interval i, String at) {
        require(i, at);
        require(i.estimate(), at + ".estimate");
        require(i.low(), at + ".low");
        require(i.high(), at + ".high");
        if (!(i.low() <= i.estimate() && i.estimate() <= i.high())) {
            fail(
                    at,
                    "low " + i.low() + ", estimate " + i.estimate() + ", high " + i.high()
                            + " (expected low <= estimate <= high)");
        }
        if (i.low() <= 0) {
            fail(at + ".low", "is " + i.low() + " (expected a positive figure)");
        }
    }

    /** A CPU probe's time: absent (an older bench) or a positive, finite number of µs. */
    private void probeTime(Double us, String at) {
        if (us != null && !(us > 0 && Double.isFinite(us))) {
            fail(at, "is " + us + " (expected a positive time in µs, or no field)");
        }
    }

    private void positive(Integer v, String at) {
        if (v != null && v <= 0) {
            fail(at, "is " + v + " (expected a positive integer)");
        }
    }

    private void require(Object v, String at) {
        if (v == null) {
            fail(at, "is missing or null");
        }
    }

    private void fail(String field, String problem) {
        throw new InputException(file, "field " + field + " " + problem);
    }

    /** "results[0].arms[1].usPerOp" from Jackson's reference chain. */
    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }
}
