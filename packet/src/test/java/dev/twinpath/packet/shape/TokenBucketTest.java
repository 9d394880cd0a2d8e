package dev.twinpath.packet.shape;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest
{
    private static final long SECOND = 1_000_000_000L;

    /** Take single bytes until the bucket refuses; @return how many it gave. */
    private static long drain(final TokenBucket bucket)
    {
        long taken = 0;
        while (bucket.tryConsume(1))
        {
            taken++;
        }
        return taken;
    }

    @Test
    void unlimitedPassesEverythingAndIgnoresTime()
    {
        final TokenBucket bucket = new TokenBucket();
        bucket.configure(TokenBucket.UNLIMITED, 0, 5);
        assertFalse(bucket.isLimited());
        assertEquals(0, bucket.bytesPerSecond());
        for (int i = 0; i < 1_000; i++)
        {
            assertTrue(bucket.tryConsume(9_000));
        }
        bucket.refill(Long.MAX_VALUE);
        bucket.refill(Long.MIN_VALUE);
        assertTrue(bucket.tryConsume(Integer.MAX_VALUE));
    }

    @Test
    void aNewBucketIsUnlimited()
    {
        final TokenBucket bucket = new TokenBucket();
        assertFalse(bucket.isLimited());
        assertTrue(bucket.tryConsume(1_500));
    }

    @Test
    void startsFullAndAFrameLargerThanTheTokensWaits()
    {
        final TokenBucket bucket = new TokenBucket();
        bucket.configure(1_000, 1_500, 0);
        assertTrue(bucket.isLimited());
        assertTrue(bucket.tryConsume(1_000));
        assertFalse(bucket.tryConsume(501), "only 500 left");
        assertTrue(bucket.tryConsume(500));
        assertFalse(bucket.tryConsume(1));
    }

    @Test
    void refillIsCappedAtTheBurst()
    {
        final TokenBucket bucket = new TokenBucket();
        bucket.configure(1_000, 1_500, 0);
        assertEquals(1_500, drain(bucket));
        bucket.refill(3_600 * SECOND);
        assertEquals(1_500, drain(bucket), "an hour idle still gives one burst");
        bucket.refill(3_600 * SECOND + SECOND);
        assertEquals(1_000, drain(bucket), "and the clock restarts from the refill that filled it");
    }

    @Test
    void refillKeepsTheRemainderOfAPartialToken()
    {
        final TokenBucket bucket = new TokenBucket();
        bucket.configure(3, 64, 0);
        drain(bucket);
        bucket.refill(SECOND / 2); // 1.5 bytes due: 1 given, 0.5 kept
        assertEquals(1, drain(bucket));
        bucket.refill(SECOND); // 1.5 more due plus the 0.5 kept
        assertEquals(2, drain(bucket), "3 bytes per second, not 2");
    }

    @Test
    void frequentSmallRefillsDeliverTheConfiguredRate()
    {
        final TokenBucket bucket = new TokenBucket();
        bucket.configure(1_000, 64, 0);
        drain(bucket);
        long given = 0;
        for (long now = 2_500_000; now <= 10 * SECOND; now += 2_500_000) // 2.5 bytes per step
        {
            bucket.refill(now);
            given += drain(bucket);
        }
        assertEquals(10_000, given, "10 s at 1000 B/s");
    }

    @Test
    void refillsBelowOneByteAccumulate()
    {
        final TokenBucket bucket = new TokenBucket();
        bucket.configure(1, 64, 0);
        drain(bucket);
        long given = 0;
        for (long now = SECOND / 10; now <= 5 * SECOND; now += SECOND / 10)
        {
            bucket.refill(now);
            given += drain(bucket);
        }
        assertEquals(5, given);
    }

    @Test
    void timeGoingBackwardsAddsNothing()
    {
        final TokenBucket bucket = new TokenBucket();
        bucket.configure(1_000, 1_000, 10 * SECOND);
        drain(bucket);
        bucket.refill(9 * SECOND);
        bucket.refill(10 * SECOND);
        assertFalse(bucket.tryConsume(1));
        bucket.refill(11 * SECOND);
        assertEquals(1_000, drain(bucket));
    }

    @Test
    void overflowOfElapsedTimesRateFillsTheBucketInsteadOfGoingNegative()
    {
        final TokenBucket bucket = new TokenBucket();
        bucket.configure(1_000_000_000_000L, 10_000, 0);
        drain(bucket);
        bucket.refill(Long.MAX_VALUE / 2); // the 128-bit product has a high word
        assertEquals(10_000, drain(bucket));
    }

    @Test
    void productThatOnlySetsTheSignBitIsAlsoAnOverflow()
    {
        final TokenBucket bucket = new TokenBucket();
        bucket.configure(1L << 31, 10_000, 0);
        drain(bucket);
        bucket.refill(1L << 32); // 2^63: high word 0, low word negative
        assertEquals(10_000, drain(bucket));
    }

    @Test
    void largeRatesWithoutOverflowStillCap()
    {
        final TokenBucket bucket = new TokenBucket();
        bucket.configure(100_000_000_000L, 9_000, 0);
        drain(bucket);
        bucket.refill(50); // 5000 bytes in 50 ns at 100 GB/s
        assertEquals(5_000, drain(bucket));
        bucket.refill(1_000);
        assertEquals(9_000, drain(bucket));
    }

    @Test
    void reconfigureRefillsToTheNewBurst()
    {
        final TokenBucket bucket = new TokenBucket();
        bucket.configure(1_000, 1_000, 0);
        drain(bucket);
        bucket.configure(2_000, 4_000, 5);
        assertEquals(2_000, bucket.bytesPerSecond());
        assertEquals(4_000, drain(bucket));
    }

    @Test
    void badConfigurationIsRefusedWithTheField()
    {
        final TokenBucket bucket = new TokenBucket();
        final IllegalArgumentException rate =
            assertThrows(IllegalArgumentException.class, () -> bucket.configure(-1, 1_000, 0));
        assertTrue(rate.getMessage().startsWith("rate"), rate.getMessage());
        final IllegalArgumentException burst =
            assertThrows(IllegalArgumentException.class, () -> bucket.configure(1_000, 63, 0));
        assertTrue(burst.getMessage().startsWith("burst"), burst.getMessage());
        bucket.configure(TokenBucket.UNLIMITED, 0, 0); // no burst needed without a limit
    }
}
