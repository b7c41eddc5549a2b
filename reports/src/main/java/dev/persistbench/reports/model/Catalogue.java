package dev.persistbench.reports.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The implementations of one run, in report order (the order of implementations.json, the floor
 * excluded). Ids match in any case, as JMH writes its enum params in upper case.
 *
 * @param impls the implementations, in report order
 */
public record Catalogue(List<Impl> impls) {

    /** Copies {@code impls}; two entries may not share an id. */
    public Catalogue {
        impls = List.copyOf(impls);
        Set<String> seen = new HashSet<>();
        for (Impl i : impls) {
            if (!seen.add(i.id().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("implementation \"" + i.id() + "\" is listed twice");
            }
        }
    }

    /** The catalogue of {@code impls}, in their order (also how summary.json reads it back). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Catalogue of(List<Impl> impls) {
        return new Catalogue(impls == null ? List.of() : impls);
    }

    /** The implementations in report order; summary.json writes the catalogue as this list. */
    @Override
    @JsonValue
    public List<Impl> impls() {
        return impls;
    }

    /** The implementation {@code value} names (any case), empty for the floor or an unknown id. */
    public Optional<Impl> byId(String value) {
        return impls.stream().filter(i -> i.matches(value)).findFirst();
    }

    /** The implementation ids in report order. */
    public List<String> ids() {
        return impls.stream().map(Impl::id).toList();
    }

    /** Position in report order; the floor and unknown ids come after every implementation. */
    public int order(String id) {
        for (int k = 0; k < impls.size(); k++) {
            if (impls.get(k).matches(id)) {
                return k;
            }
        }
        return impls.size();
    }

    /** The canonical id of {@code value} ("JDBC" is "jdbc"); {@code value} itself when unknown. */
    public String idOf(String value) {
        return byId(value).map(Impl::id).orElse(value);
    }

    /** The display name of {@code id}; the id itself when unknown. */
    public String label(String id) {
        return byId(id).map(Impl::label).orElse(id);
    }

    /** The display names of {@code ids} joined by {@code separator}. */
    public String labels(List<String> ids, String separator) {
        return ids.stream().map(this::label).collect(Collectors.joining(separator));
    }
}
