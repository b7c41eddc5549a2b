package dev.persistbench.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Where the measuring thread, the rest of the JVM and the database server run (Linux, with
 * {@code taskset}). A round trip between two processes on one core costs a context switch; across
 * cores it costs a cross-core wake-up that is several times dearer and drifts with the scheduler's
 * choices. Left to the scheduler, each fork gets whichever it picks, and figures taken minutes apart
 * differ by 4x. So the placement is decided and recorded:
 *
 * <ul>
 *   <li>{@code same-core} (default): the measuring thread and the server backends of its pool on
 *       CPU 0, with the backends of the maintenance pool that resets the tables between slices
 *       (the measuring thread waits for them, so they take no CPU from the measurement, and the
 *       JIT compilers do not share theirs with the resets); every other thread of the JVM (JIT
 *       compilers, GC, pool housekeeping) and every other server process (postmaster, autovacuum,
 *       checkpointer, WAL writer, other sessions) on CPU 1. Library overhead shows most sharply; a
 *       round trip costs what a local context switch costs;</li>
 *   <li>{@code cross-core}: the measuring thread on CPU 1, its backends (the maintenance pool's
 *       too), the rest of the JVM and the server on CPU 0: every round trip crosses cores, closer
 *       to a network hop;</li>
 *   <li>{@code none}: the scheduler decides (also with more than one measuring thread).</li>
 * </ul>
 *
 * The server is pinned only when it is this run's own (the runner's embedded server, {@code
 * bench.pinServer=true}); a server that is not ours is left alone and the record says so. Where
 * the platform refuses (no taskset, one CPU, not Linux) the record says why and nothing is pinned.
 *
 * @param mode same-core, cross-core or none
 * @param benchCpu the measuring thread's CPU, or -1
 * @param serverCpu the server processes' CPU, or -1
 * @param otherCpu the other JVM threads' CPU, or -1
 * @param serverPinned whether the server's processes were pinned
 * @param note what was done or why not
 */
public record Placement(String mode, int benchCpu, int serverCpu, int otherCpu, boolean serverPinned, String note) {

    /** The system property that chooses the mode. */
    public static final String PROPERTY = "bench.placement";

    /** The mode asked for (default same-core); a wrong value is refused naming the property. */
    public static String requestedMode() {
        String mode = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        if (mode.isEmpty()) {
            mode = "same-core";
        }
        if (!List.of("same-core", "cross-core", "none").contains(mode)) {
            throw new IllegalArgumentException(PROPERTY + " must be same-core, cross-core or none; was '" + mode + "'");
        }
        return mode;
    }

    /**
     * Applies the requested placement for the calling (measuring) thread; {@code dataSource} is the
     * measured pool, {@code maintenance} the pool that resets the tables on the same thread (or
     * null). With {@code threads > 1} nothing is pinned.
     */
    public static Placement apply(DataSource dataSource, DataSource maintenance, int threads) {
        String mode = requestedMode();
        if (mode.equals("none")) {
            return new Placement("none", -1, -1, -1, false, "left to the scheduler (bench.placement=none)");
        }
        if (threads > 1) {
            return new Placement("none", -1, -1, -1, false, threads + " measuring threads: left to the scheduler");
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus < 2 || !Files.isDirectory(Path.of("/proc/thread-self")) || !tasksetWorks()) {
            return new Placement(
                    "none", -1, -1, -1, false, "not pinned: needs Linux, taskset and 2 CPUs (have " + cpus + ")");
        }
        boolean same = mode.equals("same-core");
        int bench = same ? 0 : 1;
        int other = same ? 1 : 0;
        try {
            return pin(dataSource, maintenance, mode, bench, other);
        } catch (IOException e) {
            return new Placement("none", -1, -1, -1, false, "not pinned: " + e.getMessage());
        }
    }

    /**
     * This same-core placement with the two CPUs' roles swapped (the calling thread is the measuring
     * one): the measuring thread and the backends of both pools to the other CPU, everything else to
     * this one. Fails when a pin fails or the placement is not a pinned same-core one.
     */
    public Placement swapped(DataSource dataSource, DataSource maintenance) throws IOException {
        if (!swappable()) {
            throw new IOException("only a pinned same-core placement can swap its CPUs, this is " + mode);
        }
        Placement swapped = pin(dataSource, maintenance, mode, otherCpu, benchCpu);
        if (!swapped.serverPinned()) {
            throw new IOException(swapped.note());
        }
        return swapped;
    }

    /** Whether {@link #swapped} can swap this placement's CPUs: same-core, the server pinned by this fork. */
    public boolean swappable() {
        return mode.equals("same-core") && serverPinned && benchCpu >= 0 && otherCpu >= 0;
    }

    /** The same placement with another note. */
    public Placement withNote(String note) {
        return new Placement(mode, benchCpu, serverCpu, otherCpu, serverPinned, note);
    }

    /**
     * Pins the calling thread to {@code bench} and the JVM's other threads to {@code other}; this
     * run's own server: its processes to {@code other}, then the backends of both pools to CPU 0
     * (cross-core) or to {@code bench} (same-core).
     */
    private static Placement pin(DataSource dataSource, DataSource maintenance, String mode, int bench, int other)
            throws IOException {
        int server = mode.equals("same-core") ? bench : 0;
        List<String> notes = new ArrayList<>();
        tasksets(List.of(
                List.of(
                        "-a",
                        "-p",
                        "-c",
                        String.valueOf(other),
                        String.valueOf(ProcessHandle.current().pid())),
                List.of("-p", "-c", String.valueOf(bench), threadId())));
        boolean serverPinned = false;
        if (Boolean.getBoolean("bench.pinServer")) {
            try {
                // Background work of the server (autovacuum after the write patterns, checkpoints) must
                // not share the measuring core: every server process goes to the other CPU first, then
                // the backends of the two pools (the only ones the measuring thread talks to) to their own.
                List<List<String>> pins = new ArrayList<>();
                for (long pid : serverProcesses(dataSource)) {
                    pins.add(List.of("-a", "-p", "-c", String.valueOf(other), String.valueOf(pid)));
                }
                List<Long> backends = new ArrayList<>(poolBackends(dataSource));
                if (maintenance != null) {
                    backends.addAll(poolBackends(maintenance));
                }
                for (long pid : backends) {
                    pins.add(List.of("-p", "-c", String.valueOf(server), String.valueOf(pid)));
                }
                tasksets(pins);
                serverPinned = true;
            } catch (IOException | SQLException e) {
                notes.add("server not pinned: " + e.getMessage());
            }
        } else {
            notes.add("server not pinned: not this run's own server");
        }
        notes.add(
                0,
                "measuring thread on CPU " + bench + ", other JVM threads on CPU " + other
                        + (serverPinned
                                ? ", the pool's server backends"
                                        + (maintenance == null ? "" : " and the maintenance pool's")
                                        + " on CPU " + server + ", other server processes on CPU "
                                        + other
                                : ""));
        return new Placement(mode, bench, serverPinned ? server : -1, other, serverPinned, String.join("; ", notes));
    }

    /** Gives the server's processes every CPU again (the next fork pins them anew). */
    public void release(DataSource dataSource) {
        if (!serverPinned) {
            return;
        }
        // Not availableProcessors(): this JVM is pinned by now, and would count only the CPU it may use.
        String all = onlineCpus(ONLINE);
        try {
            tasksets(serverProcesses(dataSource).stream()
                    .map(pid -> List.of("-a", "-p", "-c", all, String.valueOf(pid)))
                    .toList());
        } catch (IOException | SQLException e) {
            System.err.println("[bench] could not release the server's CPUs: " + e.getMessage());
        }
    }

    /** The kernel's list of online CPUs, e.g. "0-1". */
    static final Path ONLINE = Path.of("/sys/devices/system/cpu/online");

    /**
     * The CPUs of the machine in taskset's list form, from the kernel's {@code online} file: a pinned
     * JVM's {@code availableProcessors()} counts only the CPUs it may use, so a fork that releases the
     * server after pinning itself would give the server one CPU back instead of all (as it did until
     * this was read from the kernel: between forks the whole server ran on the measuring CPU).
     */
    static String onlineCpus(Path online) {
        try {
            String list = Files.readString(online, StandardCharsets.UTF_8).trim();
            if (list.matches("[0-9,-]+")) {
                return list;
            }
        } catch (IOException e) {
            // below
        }
        return "0-" + (Runtime.getRuntime().availableProcessors() - 1);
    }

    /** The backend processes of every connection of {@code dataSource}'s pool (all borrowed at once, then returned). */
    static List<Long> poolBackends(DataSource dataSource) throws SQLException {
        int size = dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari ? hikari.getMaximumPoolSize() : 1;
        List<Connection> borrowed = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                Connection c = dataSource.getConnection();
                borrowed.add(c);
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    pids.add(rs.getLong(1));
                }
            }
        } finally {
            for (Connection c : borrowed) {
                c.close();
            }
        }
        return pids;
    }

    /** The postmaster and all its children, found from a backend of {@code dataSource}. */
    static List<Long> serverProcesses(DataSource dataSource) throws SQLException, IOException {
        long backend;
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            backend = rs.getLong(1);
        }
        long postmaster = parentOf(backend);
        if (!comm(postmaster).startsWith("postgres")) {
            throw new IOException("backend " + backend + " is not a local postgres process");
        }
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = dir.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    long pid = Long.parseLong(name);
                    try {
                        if (parentOf(pid) == postmaster) {
                            pids.add(pid);
                        }
                    } catch (IOException gone) {
                        // the process ended meanwhile
                    }
                }
            }
        }
        return pids;
    }

    private static long parentOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"), StandardCharsets.UTF_8);
        // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(rest[1]);
    }

    private static String comm(long pid) throws IOException {
        return Files.readString(Path.of("/proc", String.valueOf(pid), "comm"), StandardCharsets.UTF_8)
                .trim();
    }

    private static String threadId() throws IOException {
        // /proc/thread-self -> <pid>/task/<tid>
        Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
        return link.getFileName().toString();
    }

    private static boolean tasksetWorks() {
        try {
            taskset("-p", String.valueOf(ProcessHandle.current().pid()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs several taskset commands, in order, through one shell (one process started from the JVM
     * instead of one each: a swap of the two CPUs pins a dozen processes, and each start from a JVM
     * costs some 15 ms); stops at the first that fails on a process that still exists. The arguments
     * are numbers and flags only.
     */
    private static void tasksets(List<List<String>> commands) throws IOException {
        if (commands.isEmpty()) {
            return;
        }
        StringBuilder script = new StringBuilder("set -e");
        for (List<String> args : commands) {
            for (String arg : args) {
                if (!arg.matches("-[a-z]|[0-9,-]+")) {
                    throw new IllegalArgumentException("not a taskset argument: " + arg);
                }
            }
            // A process that ended meanwhile (an autovacuum worker) is no failure.
            script.append("; taskset ")
                    .append(String.join(" ", args))
                    .append(" >/dev/null || [ ! -e /proc/")
                    .append(args.getLast())
                    .append(" ]");
        }
        run(List.of("sh", "-c", script.toString()));
    }

    private static void taskset(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("taskset");
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
