package dev.twinpath.datapath.team;

import dev.twinpath.vf.ring.SpscDescriptorRing;

/**
 * A team member for tests, backed by rings: {@link #send} stages packets (the adapter's TX stage, which
 * {@link #reclaim} gives back), {@link #doWork} moves up to {@link #perWork} staged packets onto the
 * {@link #wire} ring while the link is up (a ring: from there the packets have left on the member's link
 * and the test network reads them), and {@link #receive} reads the {@link #rx} ring the test network fills.
 * Test thread only (the link flag is volatile as the interface asks).
 */
final class FakeMember implements TeamMember
{
    final SpscDescriptorRing stage;
    final SpscDescriptorRing wire = new SpscDescriptorRing(1 << 14);
    final SpscDescriptorRing rx = new SpscDescriptorRing(1 << 12);
    int perWork = 8;
    boolean reclaimable = true;
    boolean refusing;
    long taken;
    long reclaimed;
    private final String name;
    private final long mac;
    private final long[] scratch = new long[256];
    private volatile boolean linkUp = true;

    FakeMember(final String name, final long mac, final int stageCapacity)
    {
        this.name = name;
        this.mac = mac;
        this.stage = new SpscDescriptorRing(stageCapacity);
    }

    void link(final boolean up)
    {
        linkUp = up;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public long mac()
    {
        return mac;
    }

    @Override
    public int send(final long[] descriptors, final int offset, final int count)
    {
        final int n = refusing ? 0 : stage.enqueueBurst(descriptors, offset, count);
        taken += n;
        return n;
    }

    @Override
    public int receive(final long[] into, final int offset, final int max)
    {
        return rx.dequeueBurst(into, offset, max);
    }

    @Override
    public int doWork()
    {
        if (!linkUp)
        {
            return 0;
        }
        final int room = wire.capacity() - wire.size();
        final int n = stage.dequeueBurst(scratch, 0, Math.min(Math.min(perWork, room), scratch.length));
        wire.enqueueBulk(scratch, 0, n);
        return n;
    }

    @Override
    public boolean linkUp()
    {
        return linkUp;
    }

    @Override
    public int reclaim(final long[] into, final int offset, final int max)
    {
        if (!reclaimable)
        {
            return 0;
        }
        final int n = stage.dequeueBurst(into, offset, max);
        reclaimed += n;
        return n;
    }
}
