package dev.twinpath.bench.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JVM this one starts for a part of its work (a lab's rack or host process, a role of suite
 * {@code wire-proc}): this JVM's {@code java} and class path, Agrona's {@code --add-exports}, a serial GC (one GC
 * thread: the cores go to the agents) and the heap and direct memory bounds given.
 * <p>
 * Stateless; any thread.
 */
public final class ChildJvm
{
    private ChildJvm()
    {
    }

    /**
     * @param mainClass the class whose {@code main} the child runs.
     * @param maxHeap   {@code -Xmx}, e.g. {@code 1g}.
     * @param maxDirect {@code -XX:MaxDirectMemorySize}, e.g. {@code 1g}.
     * @return the command, to which the caller adds the main class's arguments.
     */
    public static List<String> command(final Class<?> mainClass, final String maxHeap, final String maxDirect)
    {
        return new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-XX:+UseSerialGC", "-Xmx" + maxHeap, "-XX:MaxDirectMemorySize=" + maxDirect,
            "-cp", System.getProperty("java.class.path"),
            mainClass.getName()));
    }
}
