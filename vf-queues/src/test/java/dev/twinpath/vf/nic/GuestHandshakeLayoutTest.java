package dev.twinpath.vf.nic;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves with JOL that the guest's handshake flags of a queue pair are at least 128 bytes from the
 * object's header and from its end, so the guest's stores on every call share no cache line (nor its
 * prefetch partner) with anything the NIC reads.
 */
class GuestHandshakeLayoutTest
{
    @Test
    void theFlagsAreFarFromEverythingElse()
    {
        final ClassLayout layout = ClassLayout.parseClass(GuestHandshake.class);
        final String printable = layout.toPrintable();
        for (final String name : new String[] {"rxBusy", "txBusy"})
        {
            final FieldLayout f = layout.fields().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            assertTrue(f.offset() - layout.headerSize() >= 128, name + " too close to the header\n" + printable);
            assertTrue(layout.instanceSize() - (f.offset() + f.size()) >= 128, name + " too close to the end\n" + printable);
        }
    }
}
