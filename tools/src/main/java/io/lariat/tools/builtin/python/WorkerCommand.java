package io.lariat.tools.builtin.python;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line that starts one Python worker: this JDK's {@code java} with this JVM's class path, a hard heap
 * limit, exit on the first {@code OutOfMemoryError}, and OS limits on address space, CPU time and core dumps set by
 * util-linux {@code prlimit} (or, where it is missing, {@code ulimit} in {@code /bin/sh}).
 *
 * <p>Immutable. The address-space limit is the heap plus {@link #NATIVE_BYTES} for everything else a JVM maps (code,
 * metaspace, thread stacks, the class-data archive); its CPU limit is a lifetime backstop, since the host stops
 * each run at its own CPU limit and retires a worker long before this one is reached.
 *
 * @param java          the {@code java} executable
 * @param classPath     the worker's class path
 * @param prlimit       the {@code prlimit} executable, or empty to use {@code ulimit} in a shell
 * @param resourceCache where GraalPy unpacks its standard library, which guest code sees in {@code sys.path}
 */
record WorkerCommand(Path java, String classPath, Optional<Path> prlimit, Path resourceCache) {

    /** Address space a worker may map beyond its heap. */
    static final long NATIVE_BYTES = 2048L * 1024 * 1024;

    /** Resident memory of an idle worker beyond its heap (code, metaspace, stacks), as measured on JDK 25. */
    static final long RESIDENT_NATIVE_BYTES = 160L * 1024 * 1024;

    /** CPU seconds a worker may use in its whole life, after which the kernel kills it. */
    static final long LIFETIME_CPU_SECONDS = 3600;

    private static final String QUARKUS_RUNNER = "quarkus-run.jar";

    /** The command for this JVM: its {@code java}, its class path, and {@code prlimit} if on the {@code PATH}. */
    static WorkerCommand forThisJvm() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new WorkerCommand(java, classPath(System.getProperty("java.class.path")), findOnPath("prlimit"),
                resourceCache(Path.of(System.getProperty("java.io.tmpdir"))));
    }

    /**
     * A directory only this user can write, outside the home directory: {@code lariat-python-USER} in {@code tmp}.
     *
     * @throws CodeInterpreterException if it exists but belongs to someone else, or cannot be created
     */
    static Path resourceCache(Path tmp) {
        Path dir = tmp.resolve("lariat-python-" + System.getProperty("user.name").replaceAll("[^A-Za-z0-9_.-]", "_"));
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
            if (!owner.getName().equals(System.getProperty("user.name"))) {
                throw new CodeInterpreterException("cannot use " + dir + " for GraalPy's files: it belongs to "
                        + owner.getName());
            }
            return dir;
        } catch (IOException | UnsupportedOperationException e) {
            throw new CodeInterpreterException("cannot create " + dir + " for GraalPy's files: " + e.getMessage(), e);
        }
    }

    /**
     * A Quarkus fast-jar lists only its runner on the class path and loads the rest itself; the worker then gets the
     * application's directories, as {@code lariat} itself uses for the CLI.
     */
    static String classPath(String jvmClassPath) {
        List<String> entries = new ArrayList<>(List.of(jvmClassPath.split(File.pathSeparator)));
        if (entries.size() == 1 && entries.getFirst().endsWith(QUARKUS_RUNNER)) {
            Path app = Path.of(entries.getFirst()).toAbsolutePath().getParent();
            for (String dir : List.of("app", "lib/boot", "lib/main")) {
                entries.add(app.resolve(dir) + File.separator + "*");
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The process arguments for a worker with {@code heapBytes} of heap and the given worker arguments. */
    List<String> arguments(long heapBytes, int outputBytes, List<String> preloadedModules) {
        List<String> jvm = new ArrayList<>(List.of(java.toString(),
                "-Xmx" + heapBytes, "-Xms" + Math.min(heapBytes, 32L << 20), "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError", "-XX:-CreateCoredumpOnCrash", "-XX:ErrorFile=/dev/null",
                "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=256m",
                "-XX:CompressedClassSpaceSize=128m", "-Xss1m",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Dpolyglot.engine.WarnInterpreterOnly=false",
                // GraalPy's standard library is unpacked here, and sys.path shows it: not under the host's home.
                "-Dpolyglot.engine.userResourceCache=" + resourceCache,
                "-Duser.home=/nonexistent", "-Duser.name=python",
                "-cp", classPath, PythonWorkerMain.class.getName(),
                Integer.toString(outputBytes), String.join(",", preloadedModules)));
        long addressSpace = heapBytes + NATIVE_BYTES;
        List<String> command = new ArrayList<>();
        if (prlimit.isPresent()) {
            command.addAll(List.of(prlimit.get().toString(), "--as=" + addressSpace,
                    "--cpu=" + LIFETIME_CPU_SECONDS, "--core=0", "--"));
            command.addAll(jvm);
        } else {
            command.addAll(List.of("/bin/sh", "-c", "ulimit -v " + addressSpace / 1024 + " -t " + LIFETIME_CPU_SECONDS
                    + " -c 0 && exec \"$@\"", "lariat-python-worker"));
            command.addAll(jvm);
        }
        return command;
    }

    private static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
