package dev.twinpath.datapath.run;

import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.traffic.ConstantRateGenerator;
import dev.twinpath.datapath.traffic.StreamChecker;
import dev.twinpath.datapath.traffic.TrafficProfile;

/**
 * The transmit half of a {@link FailoverRun}: each VM's application sends constant-rate UDP to the
 * wire peer on its own flows, so its TX moves with the VF as its RX does, and the wire peer checks
 * every stream (loss, order, duplicates, latency from the intended send time).
 * <p>
 * Built and read by the control thread; each generator runs on its VM's guest thread, the receiver
 * on the wire peer's thread. Figures are read at a quiescent point (after the lab drained).
 */
final class GuestSenders implements AutoCloseable
{
    private final ConstantRateGenerator[] generators;
    private final WireTraffic[] traffic;
    private final GuestReceiver receiver;
    private final int flowsPerVm;

    GuestSenders(final Lab lab, final RunContext context, final int intervals)
    {
        final int vms = context.vms();
        flowsPerVm = context.guestFlows();
        generators = new ConstantRateGenerator[vms];
        traffic = new WireTraffic[vms];
        final int peerIp = 0x0A00_0001; // the wire peer's address as the guests see it
        for (int i = 0; i < vms; i++)
        {
            final TrafficProfile profile = new TrafficProfile().flows(flowsPerVm).frameLength(context.frameLength())
                .ratePps(context.guestRatePps()).srcMac(lab.vm(i).mac()).destinations(lab.context().peerMac())
                .srcIp(0x0A02_0000 + i + 1).dstIp(peerIp).streamIdBase(i * flowsPerVm).conclude();
            generators[i] = new ConstantRateGenerator(profile, lab.pool());
            traffic[i] = new WireTraffic(generators[i]);
            lab.vm(i).transmit(traffic[i]);
        }
        receiver = new GuestReceiver(new StreamChecker(vms * flowsPerVm, 0, StreamChecker.DEFAULT_HIGHEST_LATENCY_NANOS,
            "wire"), lab.pool(), intervals, context.timelineIntervalNanos(), 0);
        lab.wireHandler(receiver);
    }

    void requestStart()
    {
        for (final WireTraffic t : traffic)
        {
            t.requestStart();
        }
    }

    void requestStop()
    {
        for (final WireTraffic t : traffic)
        {
            t.requestStop();
        }
    }

    /** @return true once every generator stopped and offered what it had built. */
    boolean stopped()
    {
        for (int i = 0; i < traffic.length; i++)
        {
            if (!traffic[i].stopped() || generators[i].pending() != 0)
            {
                return false;
            }
        }
        return true;
    }

    StreamChecker checker()
    {
        return receiver.checker();
    }

    /** Free what is still built but not sent, and the receiver's cached buffers. Quiescent point. */
    void discardPending()
    {
        for (final ConstantRateGenerator g : generators)
        {
            g.discardPending();
        }
        receiver.flush();
    }

    /** @return the figures of the guests' transmit traffic. Quiescent point. */
    RunSummary.GuestTx summarize()
    {
        final long[] sent = new long[generators.length * flowsPerVm];
        long offered = 0;
        for (int i = 0; i < generators.length; i++)
        {
            final long[] perFlow = generators[i].sentPerFlow(new long[flowsPerVm]);
            System.arraycopy(perFlow, 0, sent, i * flowsPerVm, flowsPerVm);
            offered += generators[i].sent();
        }
        final StreamChecker c = receiver.checker();
        return new RunSummary.GuestTx(offered, c.delivered(), c.lostAtEnd(sent), c.reordered(), c.duplicates(), c.foreign(),
            Percentiles.of(c.histogram(0)), c.tooOld());
    }

    @Override
    public void close()
    {
        for (final ConstantRateGenerator g : generators)
        {
            g.close();
        }
    }
}
