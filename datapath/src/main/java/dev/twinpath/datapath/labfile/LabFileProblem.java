package dev.twinpath.datapath.labfile;

import java.util.Objects;

/**
 * One thing wrong with a lab file, and where.
 * <p>
 * Immutable, any thread.
 *
 * @param path    where in the lab the problem is, e.g. {@code vms[0].adapters[1].iovWeight}; empty for
 *                the file as a whole.
 * @param line    1-based line in the file, or 0 when the problem has no place (e.g. the file is too big).
 * @param column  1-based column in the file, or 0 with line 0.
 * @param message what is wrong, e.g. {@code expected an integer 0..100, got 'high'}.
 */
public record LabFileProblem(String path, int line, int column, String message)
{
    public LabFileProblem
    {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /**
     * @param fileName the file's name, e.g. {@code lab.yaml}.
     * @return the problem as a compiler prints one: {@code lab.yaml:12:16: hosts[1].platform.nic.vfs: expected ...}.
     */
    public String format(final String fileName)
    {
        final StringBuilder sb = new StringBuilder(fileName);
        if (line > 0)
        {
            sb.append(':').append(line).append(':').append(column);
        }
        sb.append(": ");
        if (!path.isEmpty())
        {
            sb.append(path).append(": ");
        }
        return sb.append(message).toString();
    }

    /**
     * @return e.g. {@code hosts[1].platform.nic.vfs: expected an integer 0..256, got 'eight' (line 12, column 16)}.
     */
    public String toString()
    {
        final String where = line > 0 ? " (line " + line + ", column " + column + ")" : "";
        return (path.isEmpty() ? "" : path + ": ") + message + where;
    }
}
