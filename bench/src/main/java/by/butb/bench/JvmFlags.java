package by.butb.bench;

/**
 * JVM flags for the benchmark forks. Chronicle Queue (the engine's journal) needs the exports and opens below on
 * Java 17+ (the same list as {@code chronicle.jvm.flags} in the parent pom). Annotation values must be constants,
 * hence one constant per flag.
 */
final class JvmFlags
{
    static final String EXPORT_REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
    static final String EXPORT_NIO = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    static final String EXPORT_MISC = "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED";
    static final String EXPORT_JAVAC_FILE = "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED";
    static final String OPEN_JAVAC = "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED";
    static final String OPEN_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    static final String OPEN_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    static final String OPEN_IO = "--add-opens=java.base/java.io=ALL-UNNAMED";
    static final String OPEN_UTIL = "--add-opens=java.base/java.util=ALL-UNNAMED";
    static final String OPEN_NIO = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";
    /** Chronicle otherwise tries to send usage analytics over the network at start. */
    static final String NO_ANALYTICS = "-Dchronicle.analytics.disable=true";
    /** A fixed heap: no resizing during measurement; plenty for the workload arrays and the book. */
    static final String HEAP_MIN = "-Xms2g";
    static final String HEAP_MAX = "-Xmx2g";
    /**
     * The throughput collector. The engine allocates nothing in steady state, so the collector matters only through
     * its write barrier, and the engine stores references into long-lived objects (pooled orders and events, enum
     * fields, book links) on every command: G1's barrier fences each such store, Parallel's marks a card. Measured
     * on the project's 2-core machine: the logic takes 25-30 % less CPU per command with Parallel, and the pipeline
     * without journal gains about half (bench/RESULTS.md). Used by every fork below so that their figures stay
     * comparable.
     */
    static final String THROUGHPUT_GC = "-XX:+UseParallelGC";

    private JvmFlags()
    {
    }
}
