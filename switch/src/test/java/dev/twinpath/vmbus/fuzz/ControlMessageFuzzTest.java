package dev.twinpath.vmbus.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.twinpath.vmbus.ControlDecodeError;
import dev.twinpath.vmbus.ControlMessage;
import dev.twinpath.vmbus.ControlMessageCodec;
import dev.twinpath.vmbus.ControlMessageFlyweight;
import org.agrona.concurrent.UnsafeBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Fuzz target of VMBus control-message decoding (Jazzer): any bytes decode into a message or a named
 * refusal, never an exception; a message that decodes encodes back to bytes that decode to the same.
 * In `mvn verify` it runs over its saved inputs; `JAZZER_FUZZ=1` fuzzes (docs/reliability.md).
 */
class ControlMessageFuzzTest
{
    @FuzzTest(maxDuration = "30s")
    void decode(final byte[] data)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Math.max(64, data.length)]);
        buffer.putBytes(0, data);
        final ControlMessage message = new ControlMessage();
        final ControlDecodeError error = ControlMessageCodec.decode(new ControlMessageFlyweight().wrap(buffer, 0),
            data.length, message);
        if (error != null)
        {
            return;
        }
        final UnsafeBuffer again = new UnsafeBuffer(new byte[256]);
        final int length = ControlMessageCodec.encode(message, new ControlMessageFlyweight().wrap(again, 0));
        final ControlMessage decoded = new ControlMessage();
        assertNull(ControlMessageCodec.decode(new ControlMessageFlyweight().wrap(again, 0), length, decoded));
        assertEquals(message.toString(), decoded.toString());
    }
}
