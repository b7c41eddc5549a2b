package dev.persistbench.reports.input;

import dev.persistbench.reports.model.Catalogue;
import dev.persistbench.reports.model.Impl;
import dev.persistbench.reports.results.ContractResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract-suite outcome per implementation: bench's contract.json (it belongs to the same
 * run); only for an older results folder without one, the Surefire reports of the
 * {@code *ContractTest} classes under the sources root, with a gap saying they may come from
 * another build.
 */
final class ContractReader {

    private ContractReader() {}

    /** The implementation ids of contract.json in its order; empty when it is absent. */
    static List<String> ids(Path contractJson) {
        return Files.isRegularFile(contractJson)
                ? JsonFiles.readList(contractJson, ContractResult.class, "impl").stream()
                        .map(ContractResult::impl)
                        .toList()
                : List.of();
    }

    /** One result per implementation of {@code catalogue}, in its order. */
    static List<ContractResult> read(Path contractJson, Path repoRoot, Catalogue catalogue, List<String> gaps) {
        Map<String, ContractResult> found = new LinkedHashMap<>();
        if (Files.isRegularFile(contractJson)) {
            for (ContractResult r : JsonFiles.readList(contractJson, ContractResult.class, "impl")) {
                Impl impl = catalogue
                        .byId(r.impl())
                        .orElseThrow(() -> new InputException(
                                contractJson,
                                "unknown implementation \"" + r.impl() + "\" (expected one of implementations.json: "
                                        + String.join(", ", catalogue.ids()) + ")"));
                found.put(
                        impl.id(),
                        new ContractResult(
                                r.impl(),
                                r.tests(),
                                r.failed(),
                                r.errors(),
                                r.skipped(),
                                r.status() != null
                                        ? r.status()
                                        : ContractResult.statusOf(r.tests(), r.failed(), r.errors()),
                                r.reportedAt(),
                                "contract.json"));
            }
        } else if (repoRoot != null) {
            for (Impl impl : catalogue.impls()) {
                Path dir = repoRoot.resolve(impl.module()).resolve("target/surefire-reports");
                try {
                    ContractResult r = ContractResult.read(
                            impl.id(), dir, repoRoot.relativize(dir).toString());
                    if (r.reportedAt() != null) {
                        found.put(impl.id(), r);
                    }
                } catch (IllegalStateException e) {
                    throw new InputException(dir, e.getMessage(), e);
                }
            }
        }
        if (!Files.isRegularFile(contractJson) && !found.isEmpty()) {
            gaps.add("contract suites: this results folder has no contract.json (an older bench); read instead from"
                    + " the Surefire reports under " + repoRoot + ", which may come from another build than this run");
        }
        List<ContractResult> out = new ArrayList<>();
        for (Impl impl : catalogue.impls()) {
            ContractResult r = found.get(impl.id());
            if (r == null) {
                gaps.add("contract suite result missing for " + impl.id());
                r = ContractResult.missing(impl.id());
            }
            out.add(r);
        }
        return out;
    }
}
