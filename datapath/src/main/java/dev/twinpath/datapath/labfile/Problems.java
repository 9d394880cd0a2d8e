package dev.twinpath.datapath.labfile;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The problems found in one lab file so far, up to {@link #MAX_PROBLEMS}; places come from SnakeYAML
 * marks (0-based) and are kept 1-based.
 * <p>
 * Used by one reading, on the caller's thread.
 */
final class Problems
{
    /** More problems than this are not listed: the first ones are what a person fixes first anyway. */
    static final int MAX_PROBLEMS = 50;

    private final List<LabFileProblem> problems = new ArrayList<>();
    private int omitted;

    void add(final String path, final Node node, final String message)
    {
        add(path, null == node ? null : node.getStartMark(), message);
    }

    void add(final String path, final Mark mark, final String message)
    {
        if (problems.size() < MAX_PROBLEMS)
        {
            final int line = null == mark ? 0 : mark.getLine() + 1;
            final int column = null == mark ? 0 : mark.getColumn() + 1;
            problems.add(new LabFileProblem(path, line, column, message));
        }
        else
        {
            omitted++;
        }
    }

    boolean isEmpty()
    {
        return problems.isEmpty();
    }

    /**
     * @return the problems ordered by place (stable), with a last line saying how many were left out.
     */
    List<LabFileProblem> sorted()
    {
        final List<LabFileProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(LabFileProblem::line).thenComparingInt(LabFileProblem::column));
        if (omitted > 0)
        {
            sorted.add(new LabFileProblem(
                "", 0, 0, omitted + " more problem" + (omitted == 1 ? "" : "s") + " not listed (the first " +
                MAX_PROBLEMS + " are)"));
        }
        return sorted;
    }

    static String lineOf(final Node node)
    {
        return "line " + (node.getStartMark().getLine() + 1);
    }
}
