package dev.twinpath.datapath.process;

import dev.twinpath.datapath.lab.ProcessMigration;
import dev.twinpath.datapath.lab.VirtualMachine;
import dev.twinpath.datapath.migrate.ForwardingChannel;
import dev.twinpath.datapath.run.HostActions;
import dev.twinpath.datapath.wire.WireSender;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A host process's part in live migrations across processes: each control message from the rack is one step of
 * {@link ProcessMigration}, answered when done (or with {@link ControlKind#FAILED} naming what timed out). Also the
 * lab file's other schedule entries on this host's VMs ({@link ControlKind#ACTION}: VF revoke and offer, IovWeight,
 * local faults), answered with their outcome.
 * <ul>
 * <li>As the <b>source</b>: {@code SOURCE_PREPARE} closes the VF path and opens a forward sender to the
 * destination process (its {@link ForwardingChannel} drained over Aeron, markers in place); {@code PAUSE} starts
 * forwarding and pauses the guest, then sends the VM's counters and reception state; {@code DEPART} (the destination
 * has the forwarded stream's end) removes the old port once the channel is empty.</li>
 * <li>As the <b>destination</b>: {@code DESTINATION_PREPARE} opens the inbound channel forwarded frames wait in;
 * {@code RESUME} builds the VM with its state, lets it announce itself, waits for the end of the forwarded stream
 * and offers a VF where the host can.</li>
 * </ul>
 * Control thread of the host process.
 */
final class HostMigrationSteps
{
    private static final int FORWARDING_CAPACITY = 1 << 16;

    private final HostProcess host;
    private final ProcessMigration migration;
    // the one migration under way with this host as its source, or as its destination
    private String outgoing;
    private ForwardingChannel outChannel;
    private WireSender outSender;
    private ForwardingChannel inChannel;

    HostMigrationSteps(final HostProcess host, final ProcessMigration migration)
    {
        this.host = host;
        this.migration = migration;
    }

    void onMessage(final ControlMessage m)
    {
        final ControlKind kind = m.kind();
        final String vm = m.getString();
        try
        {
            switch (kind)
            {
                case SOURCE_PREPARE -> sourcePrepare(vm, (int)m.getLong(), m.getLong());
                case PAUSE -> pause(vm, m.getLong());
                case DEPART -> depart(vm);
                case DESTINATION_PREPARE -> destinationPrepare(vm, m.getLong());
                case RESUME -> resume(vm, (int)m.getLong(), m.getLongs(), m.getLongs(), m.getLong());
                case ABANDON -> abandon(vm, m.getString());
                case ACTION -> act(vm, (int)m.getLong());
                default -> host.out().println("host " + host.name() + ": unexpected " + kind + " from the rack, ignored");
            }
        }
        catch (final RuntimeException ex)
        {
            host.out().println("host " + host.name() + ": " + kind + " " + vm + " failed: " + ex.getMessage());
            host.send(host.message().begin(ControlKind.FAILED, host.index(), host.runId()).putString(vm)
                .putString(kind.name()).putString(String.valueOf(ex.getMessage())));
        }
    }

    private void sourcePrepare(final String vm, final int destination, final long epoch)
    {
        final String to = host.addresses().hostNames().get(destination);
        final long marker = migration.closeVfPath(vm, to, epoch);
        outgoing = vm;
        outChannel = new ForwardingChannel(vm + " " + host.name() + "->" + to, epoch, FORWARDING_CAPACITY);
        outSender = host.wires().forwardSender(destination, outChannel);
        host.send(host.message().begin(ControlKind.SOURCE_READY, host.index(), host.runId()).putString(vm).putLong(marker));
    }

    private void pause(final String vm, final long epoch)
    {
        requireOutgoing(vm);
        final long[] counters = migration.forwardAndPause(vm, outChannel, epoch);
        final VmReceiver receiver = host.receivers().remove(vm);
        final long[] state = receiver.depart();
        final long txIndex = receiver.sender() == null ? -1 : receiver.sender().depart();
        host.departed().add(receiver);
        host.send(host.message().begin(ControlKind.PAUSED, host.index(), host.runId()).putString(vm)
            .putLongs(counters).putLongs(state).putLong(txIndex));
    }

    private void depart(final String vm)
    {
        requireOutgoing(vm);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((outChannel.size() > 0 || outSender.pending() > 0 || outSender.openEntries() > 0) &&
            System.nanoTime() - deadline < 0)
        {
            LockSupport.parkNanos(100_000);
        }
        final long lost = migration.depart(vm);
        host.wires().removeForwardSender(outSender);
        final long forwarded = outChannel.forwarded();
        final long abandoned = outSender.abandoned();
        outSender.close();
        host.send(host.message().begin(ControlKind.DEPARTED, host.index(), host.runId()).putString(vm).putLong(forwarded)
            .putLong(lost + outSender.abandoned()));
        host.out().printf(Locale.ROOT, "host %s: %s left for another process; %d frames forwarded%s%n", host.name(), vm,
            forwarded, lost + abandoned == 0 ? "" : ", " + (lost + abandoned) + " LOST");
        outgoing = null;
        outChannel = null;
        outSender = null;
    }

    private void destinationPrepare(final String vm, final long epoch)
    {
        inChannel = new ForwardingChannel(vm + " ->" + host.name(), epoch, FORWARDING_CAPACITY);
        host.wires().inbound(inChannel);
        host.send(host.message().begin(ControlKind.DESTINATION_READY, host.index(), host.runId()).putString(vm));
    }

    private void resume(final String vm, final int vmIndex, final long[] counters, final long[] state, final long txIndex)
    {
        if (inChannel == null)
        {
            throw new IllegalStateException("RESUME of " + vm + " without DESTINATION_PREPARE");
        }
        final long resumeStart = System.nanoTime();
        final VirtualMachine arrived = migration.arrive(vmIndex, inChannel, counters, placed ->
        {
            final VmReceiver receiver = host.newReceiver(placed);
            receiver.arrive(state);
            host.receivers().put(placed.name(), receiver);
            placed.onReceive(receiver);
            final VmSender sender = host.attachSender(placed, receiver);
            if (sender != null)
            {
                sender.arrive(Math.max(0, txIndex)); // its streams continue where they stopped on the source
            }
        });
        final long resumeNanos = System.nanoTime() - resumeStart;
        final long held = migration.awaitForwardedEnd(arrived.name());
        final long forwarded = inChannel.forwarded();
        host.wires().inbound(null);
        inChannel = null;
        final String reason = migration.offerVf(arrived.name());
        host.send(host.message().begin(ControlKind.ARRIVED, host.index(), host.runId()).putString(vm).putLong(forwarded)
            .putLong(held).putLong(resumeNanos).putString(reason));
        host.out().printf(Locale.ROOT, "host %s: %s arrived; %d forwarded frames delivered first, %d held until the " +
            "rack's end marker; %s%n", host.name(), vm, forwarded, held, reason.isEmpty() ? "VF offered" : "synthetic: " + reason);
    }

    private void abandon(final String vm, final String why)
    {
        if (vm.equals(outgoing))
        {
            final VmReceiver receiver = host.departed().isEmpty() ? null : host.departed().get(host.departed().size() - 1);
            if (receiver != null && receiver.vm().equals(vm) && !host.receivers().containsKey(vm))
            {
                host.departed().remove(receiver); // the VM stays (its guest is still paused): its state comes back
                receiver.stay();
                host.receivers().put(vm, receiver);
            }
            migration.abandonSource(vm, why);
            if (outSender != null)
            {
                host.wires().removeForwardSender(outSender);
                outSender.close();
            }
            outgoing = null;
            outChannel = null;
            outSender = null;
        }
        else if (inChannel != null)
        {
            host.wires().inbound(null);
            inChannel = null;
        }
    }

    /** The lab file's schedule entry {@code index}, on {@code vm} which runs here: answered with its outcome. */
    private void act(final String vm, final int index)
    {
        final String outcome = HostActions.apply(host.lab(), host.spec().schedule().get(index)); // vm "" : host-wide
        host.send(host.message().begin(ControlKind.ACTED, host.index(), host.runId()).putString(vm).putString(outcome));
    }

    private void requireOutgoing(final String vm)
    {
        if (!vm.equals(outgoing))
        {
            throw new IllegalStateException(vm + " is not leaving this host (no SOURCE_PREPARE)");
        }
    }
}
