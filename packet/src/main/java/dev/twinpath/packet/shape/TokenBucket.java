package dev.twinpath.packet.shape;

/**
 * A token bucket rate limiter in bytes: {@code rate} bytes per second refill a bucket of
 * {@code burst} bytes; a frame passes when the bucket holds at least its length. Time comes from
 * the caller (nanoseconds), so tests drive it with a fake clock.
 * <p>
 * Not thread-safe: owned by the one agent thread that shapes the traffic (the NIC for a VF, the switch for a port).
 */
public final class TokenBucket
{
    /** No limit. */
    public static final long UNLIMITED = 0;

    private long bytesPerSecond;
    private long burstBytes;
    private long tokens;
    private long lastNanos;

    /**
     * @param bytesPerSecond refill rate, or {@link #UNLIMITED}.
     * @param burstBytes     bucket depth (at least one jumbo frame is sensible).
     */
    public void configure(final long bytesPerSecond, final long burstBytes, final long nowNanos)
    {
        if (bytesPerSecond < 0)
        {
            throw new IllegalArgumentException("rate must be >= 0 bytes/s (0 = unlimited): " + bytesPerSecond);
        }
        if (bytesPerSecond > 0 && burstBytes < 64)
        {
            throw new IllegalArgumentException("burst must be >= 64 bytes: " + burstBytes);
        }
        this.bytesPerSecond = bytesPerSecond;
        this.burstBytes = burstBytes;
        this.tokens = burstBytes;
        this.lastNanos = nowNanos;
    }

    public boolean isLimited()
    {
        return bytesPerSecond != UNLIMITED;
    }

    public long bytesPerSecond()
    {
        return bytesPerSecond;
    }

    /** Refill for the time elapsed up to {@code nowNanos}; call once per burst. */
    public void refill(final long nowNanos)
    {
        final long elapsed = nowNanos - lastNanos;
        if (elapsed <= 0 || !isLimited())
        {
            return;
        }
        final long product = elapsed * bytesPerSecond;
        final boolean overflow = Math.multiplyHigh(elapsed, bytesPerSecond) != 0 || product < 0;
        final long add = overflow ? burstBytes : Math.min(burstBytes, product / 1_000_000_000L);
        if (add >= burstBytes - tokens)
        {
            tokens = burstBytes;
            lastNanos = nowNanos;
        }
        else if (add > 0)
        {
            tokens += add;
            lastNanos += add * 1_000_000_000L / bytesPerSecond; // keep the remainder for the next refill
        }
    }

    /** @return true, taking the tokens, when a frame of {@code bytes} may pass. */
    public boolean tryConsume(final int bytes)
    {
        if (!isLimited())
        {
            return true;
        }
        if (tokens >= bytes)
        {
            tokens -= bytes;
            return true;
        }
        return false;
    }

    /**
     * Take {@code bytes} even beyond what the bucket holds (shaping rather than policing): the bucket
     * goes into deficit and refills from there, and the caller sends nothing more while
     * {@link #hasTokens()} is false.
     */
    public void consume(final long bytes)
    {
        if (isLimited())
        {
            tokens -= bytes;
        }
    }

    /** @return true when unlimited or the bucket is not empty (nor in deficit). */
    public boolean hasTokens()
    {
        return !isLimited() || tokens > 0;
    }
}
