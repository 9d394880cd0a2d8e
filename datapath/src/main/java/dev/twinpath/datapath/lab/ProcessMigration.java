package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.AdapterCounters;
import dev.twinpath.datapath.NetVscState;
import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventLevel;
import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.datapath.host.HostVfState;
import dev.twinpath.datapath.host.IovPortController;
import dev.twinpath.datapath.migrate.ForwardingChannel;
import dev.twinpath.packet.pool.PacketDescriptor;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The two halves of a live migration between host processes ({@link LabProcess}), the same phases as
 * {@link LiveMigration} with the rack process in between: each method is one step a control message asks for,
 * and returns what the answer carries.
 * <ul>
 * <li><b>Source</b>: {@link #closeVfPath} (the VF path closes, offers held), then {@link #forwardAndPause} (the
 * VM's port forwards to a {@link ForwardingChannel} the process carries to the destination over Aeron; the guest
 * puts an end marker behind its last TX frame, reads what was delivered and pauses), then {@link #depart} (the
 * old port goes, the VM leaves the lab) once the destination has the forwarded stream's end.</li>
 * <li><b>Destination</b>: {@link #arrive} (the VM is built here with its counters, its port delivers the forwarded
 * stream first and holds frames that come directly, the guest resumes and announces itself), then
 * {@link #awaitForwardedEnd} (the rack's end marker came through the source), then {@link #offerVf}.</li>
 * </ul>
 * Control thread of the host process; the lab runs.
 */
public final class ProcessMigration
{
    private static final long STEP_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Lab lab;
    private final EventLog log;

    public ProcessMigration(final Lab lab)
    {
        this.lab = lab;
        this.log = lab.events().forSource("migration");
    }

    // ---------------------------------------------------------------- source

    /**
     * Step 1 on the source: hold VF offers for the VM and close its VF path (every flow to the synthetic path).
     *
     * @param epoch the migration's epoch: the rack writes an end marker of it behind the VM's last frames here.
     * @return the end marker descriptor the rack must write (the epoch, and the VM's port on this host's switch).
     * @throws IllegalStateException naming the step that timed out.
     */
    public long closeVfPath(final String vmName, final String destination, final long epoch)
    {
        final VirtualMachine vm = lab.vm(vmName);
        if (vm.runState() != VirtualMachine.RUNNING)
        {
            throw new IllegalStateException("vm migrate: " + vmName + " is already being moved");
        }
        vm.migrating(true);
        holdOffers(vm.host(), true);
        log.record(EventId.MIGRATION, vmName, "started: " + vm.location().name() + " -> " + destination + " (another process)");
        await(() -> vm.host().state() != HostVfState.OFFERED && vm.adapter().state() != NetVscState.SWITCHING_TO_VF,
            vmName, "an offer under way to settle");
        if (vm.host().state() != HostVfState.NO_VF)
        {
            lab.revokeVf(vm);
        }
        await(() -> vm.host().state() == HostVfState.NO_VF && vm.adapter().state() == NetVscState.SYNTHETIC,
            vmName, "the VF path to close");
        log.record(EventId.MIGRATION, vmName, "VF path closed on " + vm.location().name() + ": every flow on the synthetic path");
        return PacketDescriptor.marker(epoch, vm.attachment().port().id());
    }

    /**
     * Step 3 on the source: from now on the VM's port forwards into {@code forward} (the process sends it to the
     * destination); the guest puts an end marker of {@code epoch} behind its TX, reads what was delivered, pauses.
     *
     * @return the VM's adapter counters, as the guest left them: they go on counting at the destination.
     */
    public long[] forwardAndPause(final String vmName, final ForwardingChannel forward, final long epoch)
    {
        final VirtualMachine vm = lab.vm(vmName);
        final HostNic.Attachment old = vm.attachment();
        final dev.twinpath.vswitch.VirtualSwitch source = old.nic().virtualSwitch();
        final dev.twinpath.vf.nic.PhysicalFunction sourceNic = old.nic().nic();
        final long mac = vm.mac();
        old.link().onClose(() ->
        {
            source.addStaticMac(mac, 0, source.uplink()); // other VMs here reach it through the rack from now on
            sourceNic.removeHostMac(mac);
        });
        old.link().forwardTo(forward);
        await(old.link()::forwarding, vmName, "the source switch to start forwarding");
        vm.requestPause(epoch);
        await(vm::isPaused, vmName, "the guest to pause");
        vm.adapter().flushCache();
        log.record(EventId.MIGRATION, vmName, "blackout: guest paused on " + vm.location().name() +
            "; later frames for it are forwarded to the destination process");
        return vm.adapter().counters().toArray();
    }

    /**
     * Give up before the blackout ended (the destination failed or went away): forwarding is taken back, the guest
     * runs again here, and a VF is offered again where the host can. What was forwarded is lost with the
     * destination; the event says so.
     */
    public void abandonSource(final String vmName, final String why)
    {
        final VirtualMachine vm = lab.vm(vmName);
        final HostNic.Attachment old = vm.attachment();
        if (old.link().forwarding() || old.link().isForwardingRequested())
        {
            old.link().cancelForwarding();
            awaitQuietly(old.link()::forwardingCancelled);
        }
        if (vm.runState() != VirtualMachine.RUNNING)
        {
            vm.requestResume();
            awaitQuietly(() -> vm.runState() == VirtualMachine.RUNNING);
        }
        holdOffers(vm.host(), false);
        vm.migrating(false);
        log.record(EventId.MIGRATION, EventLevel.ERROR, vmName, "gave up: " + vmName + " stays on " +
            vm.location().name() + ": " + why);
        if (vm.location().iovUsable())
        {
            lab.offerVf(vm);
        }
    }

    /**
     * Step 5 on the source: the forwarded stream ended at the destination; the old port goes and the VM leaves
     * this process.
     *
     * @return frames the old port received after it closed (lost: nothing should come after the end marker).
     */
    public long depart(final String vmName)
    {
        final VirtualMachine vm = lab.vm(vmName);
        final HostNic.Attachment old = vm.attachment();
        final IovPortController controller = vm.host();
        lab.onHost(() ->
        {
            old.nic().detach(old, lab.clock().nanoTime());
            return null;
        });
        old.channel().close();
        holdOffers(controller, false);
        lab.release(vm);
        log.record(EventId.MIGRATION, vmName, "left " + old.host().name() + ": its old port removed");
        return old.link().lostAfterClose();
    }

    // ---------------------------------------------------------------- destination

    /**
     * Step 4 on the destination: build VM {@code index} here with its carried counters, its port delivering
     * {@code inbound} (the frames forwarded from the source) before what comes directly, put it on the switch and
     * resume the guest, which announces itself (the rack re-learns its MAC and closes the source's stream).
     *
     * @param onPlaced told of the VM once placed, before its guest runs (the application is set there).
     * @return the arrived VM.
     */
    public VirtualMachine arrive(final int index, final ForwardingChannel inbound, final long[] counters,
        final java.util.function.Consumer<VirtualMachine> onPlaced)
    {
        final VirtualMachine vm = lab.arriving(index);
        final VmAdapter adapter = vm.adapters().get(0);
        final Host host = lab.hosts().get(0);
        final LabVms.Placement placement = lab.prepare(adapter, host, inbound, AdapterCounters.of(adapter.fullName(), counters));
        placement.apply();
        onPlaced.accept(vm);
        vm.requestResume(); // the guest's first duty cycle announces it (gratuitous ARP)
        lab.admit(vm);
        await(() -> vm.runState() == VirtualMachine.RUNNING, vm.name(), "the guest to resume");
        log.record(EventId.MIGRATION, vm.name(), "resumed on " + host.name() + "; gratuitous ARP sent");
        return vm;
    }

    /** Step 6 on the destination: the rack's end marker came through the source. @return frames held meanwhile. */
    public long awaitForwardedEnd(final String vmName)
    {
        final VirtualMachine vm = lab.vm(vmName);
        await(vm.attachment().link()::inboundComplete, vmName, "the forwarded stream to end");
        if (vm.attachment().link().inboundTimedOut())
        {
            log.record(EventId.MIGRATION, EventLevel.ERROR, vmName, "the rack's end marker did not arrive within the " +
                "hold timeout: held frames released, order with later forwarded frames not kept");
        }
        return vm.attachment().link().heldTotal();
    }

    /** Step 7 on the destination: a VF where this host can give one. @return "" when offered, else why not. */
    public String offerVf(final String vmName)
    {
        final VirtualMachine vm = lab.vm(vmName);
        vm.migrating(false);
        final Host host = vm.location();
        if (!host.iovUsable())
        {
            final String reason = String.join(" ", host.iovUnusableReasons());
            log.record(EventId.VF_NOT_OFFERED, vmName, "stays synthetic on " + host.name() + ": IovSupport False: " + reason);
            return reason;
        }
        return lab.offerVf(vm) ? "" : "no VF offered (see the event log)";
    }

    // ---------------------------------------------------------------- waits

    private void holdOffers(final IovPortController controller, final boolean hold)
    {
        lab.onHost(() ->
        {
            controller.holdOffers(hold);
            return null;
        });
    }

    private void await(final BooleanSupplier condition, final String vm, final String what)
    {
        final long deadline = System.nanoTime() + STEP_TIMEOUT_NANOS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                log.record(EventId.MIGRATION, EventLevel.ERROR, vm, "timed out waiting for " + what);
                throw new IllegalStateException("vm migrate: " + vm + ": timed out waiting for " + what);
            }
            LockSupport.parkNanos(20_000);
        }
    }

    private static void awaitQuietly(final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + STEP_TIMEOUT_NANOS;
        while (!condition.getAsBoolean() && System.nanoTime() - deadline < 0)
        {
            LockSupport.parkNanos(20_000);
        }
    }
}
