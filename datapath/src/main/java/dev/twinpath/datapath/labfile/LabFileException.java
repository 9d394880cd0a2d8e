package dev.twinpath.datapath.labfile;

import java.util.List;

/**
 * A lab file that cannot be used: every problem found in it (up to a cap), each with its place. The
 * message lists them one per line, as a compiler does: {@code lab.yaml:12:16: hosts[1].platform.nic.vfs: ...}.
 * <p>
 * Immutable, any thread.
 */
public final class LabFileException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final List<LabFileProblem> problems;

    /**
     * @param fileName the file's name as it prefixes each line of the message.
     * @param problems what is wrong, at least one.
     */
    public LabFileException(final String fileName, final List<LabFileProblem> problems)
    {
        super(format(fileName, problems));
        if (problems.isEmpty())
        {
            throw new IllegalArgumentException("a lab file exception needs a problem");
        }
        this.fileName = fileName;
        this.problems = List.copyOf(problems);
    }

    /**
     * @return the file's name, e.g. {@code lab.yaml}.
     */
    public String fileName()
    {
        return fileName;
    }

    /**
     * @return what is wrong with the file, ordered by place in the file.
     */
    public List<LabFileProblem> problems()
    {
        return problems;
    }

    private static String format(final String fileName, final List<LabFileProblem> problems)
    {
        final StringBuilder sb = new StringBuilder();
        for (final LabFileProblem problem : problems)
        {
            if (sb.length() > 0)
            {
                sb.append('\n');
            }
            sb.append(problem.format(fileName));
        }
        return sb.toString();
    }
}
