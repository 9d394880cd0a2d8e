package dev.twinpath.vmbus;

import java.util.ArrayDeque;

/**
 * Fault injection on one endpoint's outbound control messages: the next {@code n} messages are lost,
 * held back for a while (late), or refused as if the control ring were full. What the peer and the
 * sender then do is the subject of the test: every wait in the NetVSC and host state machines has a
 * timeout and a fallback (G7).
 * <ul>
 *     <li>{@link #loseNext}: {@code sendControl} answers true (the sender believes it sent the message)
 *     and writes nothing; counted as {@link ChannelCounter#CONTROL_FAULT_LOST}.</li>
 *     <li>{@link #delayNext}: {@code sendControl} answers true and keeps a copy; the copy is written, in
 *     order, by the first {@code pollControl} at or after its due time; counted as
 *     {@link ChannelCounter#CONTROL_FAULT_DELAYED}. Messages sent after a delayed one wait behind it, as
 *     on a real channel.</li>
 *     <li>{@link #refuseNext}: {@code sendControl} answers false as for a full ring, counted as
 *     {@link ChannelCounter#CONTROL_RING_FULL} like a real one.</li>
 * </ul>
 * Threading: owned by the endpoint's control thread. Arming and the endpoint's use happen on that
 * thread (a lab arms it through its command path); while messages are delayed the endpoint's control
 * sender and control receiver must be the same thread, as they are for NetVSC and the host's port
 * controller. Allocates only when a fault is armed or a message is delayed (control path).
 */
public final class ControlFaults
{
    private int toLose;
    private int toDelay;
    private long delayNanos;
    private int toRefuse;
    private final ArrayDeque<Delayed> delayed = new ArrayDeque<>();

    private record Delayed(ControlMessage message, long dueNanos)
    {
    }

    /** What {@link VmBusEndpoint#sendControl} does with the message in hand. */
    enum Verdict
    {
        SEND, LOSE, DELAY, REFUSE
    }

    ControlFaults()
    {
    }

    /** Lose the next {@code count} outbound control messages. Control thread. */
    public void loseNext(final int count)
    {
        toLose = add(toLose, count, "count");
    }

    /** Hold each of the next {@code count} outbound control messages back {@code nanos} before writing it. Control thread. */
    public void delayNext(final int count, final long nanos)
    {
        if (nanos <= 0)
        {
            throw new IllegalArgumentException("delay must be more than 0 ns: " + nanos);
        }
        toDelay = add(toDelay, count, "count");
        delayNanos = nanos;
    }

    /** Refuse the next {@code count} outbound control messages as if the control ring were full. Control thread. */
    public void refuseNext(final int count)
    {
        toRefuse = add(toRefuse, count, "count");
    }

    /** @return true while a fault is armed or a delayed message waits. Control thread. */
    public boolean active()
    {
        return toLose != 0 || toDelay != 0 || toRefuse != 0 || !delayed.isEmpty();
    }

    /** @return delayed messages not written yet. Control thread. */
    public int delayedCount()
    {
        return delayed.size();
    }

    /** Forget every armed fault and every delayed message (the channel is closing). Control thread. */
    public void clear()
    {
        toLose = 0;
        toDelay = 0;
        toRefuse = 0;
        delayed.clear();
    }

    Verdict verdict(final ControlMessage message, final long nowNanos)
    {
        if (toRefuse > 0)
        {
            toRefuse--;
            return Verdict.REFUSE;
        }
        if (toLose > 0)
        {
            toLose--;
            return Verdict.LOSE;
        }
        if (toDelay > 0)
        {
            toDelay--;
            delayed.addLast(new Delayed(new ControlMessage().copyFrom(message), nowNanos + delayNanos));
            return Verdict.DELAY;
        }
        if (!delayed.isEmpty())
        {
            delayed.addLast(new Delayed(new ControlMessage().copyFrom(message), nowNanos)); // keeps the order
            return Verdict.DELAY;
        }
        return Verdict.SEND;
    }

    /** @return the oldest delayed message if it is due, else null. */
    ControlMessage due(final long nowNanos)
    {
        final Delayed first = delayed.peekFirst();
        return first != null && nowNanos - first.dueNanos() >= 0 ? first.message() : null;
    }

    /** The message {@link #due} returned was written. */
    void written()
    {
        delayed.removeFirst();
    }

    private static int add(final int armed, final int count, final String what)
    {
        if (count < 1 || count > 1_000_000)
        {
            throw new IllegalArgumentException(what + " must be 1..1000000: " + count);
        }
        return (int)Math.min(Integer.MAX_VALUE, (long)armed + count);
    }
}
