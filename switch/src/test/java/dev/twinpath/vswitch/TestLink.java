package dev.twinpath.vswitch;

import org.agrona.collections.LongArrayList;

/**
 * A single-threaded {@link PortLink} for tests: {@link #inject} queues descriptors the port sends
 * into the switch; what the switch delivers lands in {@link #delivered}, up to {@link #room} (a full
 * ring when it reaches 0).
 */
class TestLink implements PortLink
{
    final String name;
    final LongArrayList inbound = new LongArrayList();
    final LongArrayList delivered = new LongArrayList();
    int inboundHead;
    int room = Integer.MAX_VALUE;

    TestLink(final String name)
    {
        this.name = name;
    }

    void inject(final long descriptor)
    {
        inbound.addLong(descriptor);
    }

    int pendingInbound()
    {
        return inbound.size() - inboundHead;
    }

    @Override
    public int receive(final long[] into, final int offset, final int max)
    {
        final int n = Math.min(max, inbound.size() - inboundHead);
        for (int i = 0; i < n; i++)
        {
            into[offset + i] = inbound.getLong(inboundHead++);
        }
        return n;
    }

    @Override
    public int transmit(final long[] descriptors, final int offset, final int count)
    {
        final int n = Math.min(count, room);
        for (int i = 0; i < n; i++)
        {
            delivered.addLong(descriptors[offset + i]);
        }
        if (room != Integer.MAX_VALUE)
        {
            room -= n;
        }
        return n;
    }

    @Override
    public String name()
    {
        return name;
    }
}
