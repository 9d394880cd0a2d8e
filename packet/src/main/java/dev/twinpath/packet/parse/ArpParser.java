package dev.twinpath.packet.parse;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * The ARP step of the {@link FrameParser} (RFC 826): opcode, and the sender and target protocol
 * addresses when they are IPv4. The fixed part and both address pairs must be captured.
 * <p>
 * Stateless and allocation-free; called on the parsing thread.
 */
final class ArpParser
{
    private static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;

    private ArpParser()
    {
    }

    static void parse(final DirectBuffer buffer, final int end, final int position, final ParsedFrame frame)
    {
        frame.l3Offset = position;
        if (end - position < 8)
        {
            frame.problem(FrameStatus.TRUNCATED_L3);
            return;
        }
        frame.arpOpcode = (buffer.getShort(position + 6, NETWORK) & 0xFFFF);
        final int hardwareLength = buffer.getByte(position + 4) & 0xFF;
        final int protocolLength = buffer.getByte(position + 5) & 0xFF;
        final int needed = 8 + 2 * (hardwareLength + protocolLength);
        if (end - position < needed)
        {
            frame.problem(FrameStatus.TRUNCATED_L3);
            return;
        }
        if (protocolLength == 4)
        {
            frame.arpSenderIp = buffer.getInt(position + 8 + hardwareLength, NETWORK);
            frame.arpTargetIp = buffer.getInt(position + 8 + 2 * hardwareLength + 4, NETWORK);
        }
    }
}
