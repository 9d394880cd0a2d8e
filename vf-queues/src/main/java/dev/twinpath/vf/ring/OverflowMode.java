package dev.twinpath.vf.ring;

/**
 * What a queue's producer does when its ring is full.
 */
public enum OverflowMode
{
    /** Drop the packet, return its buffer to the pool and count it: what NIC hardware does. */
    DROP,
    /** Keep the packet where it is and retry later: lossless, the producer is slowed down instead. */
    BACKPRESSURE
}
