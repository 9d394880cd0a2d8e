package dev.twinpath.datapath.process;

/**
 * A host's answer to a migration step, read out of its control message so it outlives the poll.
 *
 * @param kind  the answer.
 * @param host  the answering host's index.
 * @param vm    the VM the step was about.
 * @param a     first number: SOURCE_READY the end marker, ARRIVED and DEPARTED frames forwarded, PAUSED the next
 *              index of the VM's sender (-1: it sends nothing).
 * @param b     second number: ARRIVED frames held, DEPARTED frames lost, ARRIVED the time the guest took to resume (c).
 * @param c     third number.
 * @param x     PAUSED: the adapter counters.
 * @param y     PAUSED: the reception state.
 * @param text  ARRIVED: why no VF ("" when offered); FAILED: the step and the reason.
 */
record Reply(ControlKind kind, int host, String vm, long a, long b, long c, long[] x, long[] y, String text)
{
    private static Reply paused(final ControlMessage m, final String vm)
    {
        final long[] counters = m.getLongs();
        final long[] state = m.getLongs();
        return new Reply(m.kind(), m.sender(), vm, m.getLong(), 0, 0, counters, state, "");
    }

    static Reply read(final ControlMessage m)
    {
        final String vm = m.getString();
        return switch (m.kind())
        {
            case SOURCE_READY -> new Reply(m.kind(), m.sender(), vm, m.getLong(), 0, 0, null, null, "");
            case DESTINATION_READY -> new Reply(m.kind(), m.sender(), vm, 0, 0, 0, null, null, "");
            case PAUSED -> paused(m, vm);
            case ARRIVED -> new Reply(m.kind(), m.sender(), vm, m.getLong(), m.getLong(), m.getLong(), null, null, m.getString());
            case DEPARTED -> new Reply(m.kind(), m.sender(), vm, m.getLong(), m.getLong(), 0, null, null, "");
            case ACTED -> new Reply(m.kind(), m.sender(), vm, 0, 0, 0, null, null, m.getString());
            case FAILED -> new Reply(m.kind(), m.sender(), vm, 0, 0, 0, null, null, m.getString() + ": " + m.getString());
            default -> throw new ControlMessageException(m.kind() + " is not an answer to a migration step");
        };
    }
}
