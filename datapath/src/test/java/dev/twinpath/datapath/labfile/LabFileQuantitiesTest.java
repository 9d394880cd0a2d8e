package dev.twinpath.datapath.labfile;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LabFileQuantitiesTest
{
    private static final long INVALID = Quantities.INVALID;

    @Test
    void durations()
    {
        assertEquals(500_000_000L, Quantities.parseDurationNanos("500ms"));
        assertEquals(2_000_000_000L, Quantities.parseDurationNanos("2s"));
        assertEquals(1_500_000_000L, Quantities.parseDurationNanos("1.5s"));
        assertEquals(250_000L, Quantities.parseDurationNanos("250us"));
        assertEquals(250_000L, Quantities.parseDurationNanos("250\u00b5s"));
        assertEquals(60_000_000_000L, Quantities.parseDurationNanos("1m"));
        assertEquals(7_200_000_000_000L, Quantities.parseDurationNanos("2h"));
        assertEquals(300_000_000L, Quantities.parseDurationNanos("300"));
        assertEquals(42L, Quantities.parseDurationNanos("42ns"));
        assertEquals(-1_000_000_000L, Quantities.parseDurationNanos("-1s"));
        assertEquals(Long.MAX_VALUE, Quantities.parseDurationNanos("99999999999999h"));
        assertEquals(INVALID, Quantities.parseDurationNanos("1.5"));
        assertEquals(INVALID, Quantities.parseDurationNanos("2 seconds"));
        assertEquals(INVALID, Quantities.parseDurationNanos("s"));
        assertEquals(INVALID, Quantities.parseDurationNanos(""));
    }

    @Test
    void rates()
    {
        assertEquals(200_000L, Quantities.parseRate("200000"));
        assertEquals(200_000L, Quantities.parseRate("200k"));
        assertEquals(200_000L, Quantities.parseRate("200K"));
        assertEquals(1_500_000L, Quantities.parseRate("1.5M"));
        assertEquals(50_000L, Quantities.parseRate("50kpps"));
        assertEquals(0L, Quantities.parseRate("0"));
        assertEquals(INVALID, Quantities.parseRate("1.5"));
        assertEquals(INVALID, Quantities.parseRate("1.0005k"));
        assertEquals(INVALID, Quantities.parseRate("2G"));
        assertEquals(INVALID, Quantities.parseRate("fast"));
    }

    @Test
    void integersAndMacs()
    {
        assertEquals(65_536L, Quantities.parseInteger("65_536"));
        assertEquals(-3L, Quantities.parseInteger("-3"));
        assertEquals(Long.MAX_VALUE, Quantities.parseInteger("9".repeat(50)));
        assertEquals(INVALID, Quantities.parseInteger("8.0"));
        assertEquals(INVALID, Quantities.parseInteger("eight"));
        assertEquals(0x0015_5d00_0001L, Quantities.parseMac("00:15:5d:00:00:01"));
        assertEquals(0x0015_5d00_0001L, Quantities.parseMac("00-15-5D-00-00-01"));
        assertEquals(INVALID, Quantities.parseMac("00:15-5d:00:00:01"));
        assertEquals(INVALID, Quantities.parseMac("0015.5d00.0001"));
    }

    @Test
    void formatting()
    {
        assertEquals("6s", Quantities.formatDuration(6_000_000_000L));
        assertEquals("1.5s", Quantities.formatDuration(1_500_000_000L));
        assertEquals("24h", Quantities.formatDuration(86_400_000_000_000L));
        assertEquals("90s", Quantities.formatDuration(90_000_000_000L));
        assertEquals("2m", Quantities.formatDuration(120_000_000_000L));
        assertEquals("250us", Quantities.formatDuration(250_000L));
        assertEquals("5.999s", Quantities.formatDuration(5_999_000_000L));
        assertEquals("1ns", Quantities.formatDuration(1));
        assertEquals("0s", Quantities.formatDuration(0));
        assertEquals("100M", Quantities.formatRate(100_000_000));
        assertEquals("200k", Quantities.formatRate(200_000));
        assertEquals("1500", Quantities.formatRate(1_500));
    }

    @Test
    void editDistanceIgnoresCaseAndStopsAtTheLimit()
    {
        assertEquals(0, Quantities.editDistance("FrameSize", "frameSize", 2));
        assertEquals(1, Quantities.editDistance("hots", "host", 2));
        assertEquals(2, Quantities.editDistance("vfz", "vfsx", 2));
        assertEquals(3, Quantities.editDistance("colour", "host", 2));
        assertEquals(" (did you mean 'frameSize'?)", LabSchema.suggestion("framesize", LabSchema.TRAFFIC_KEYS));
        assertEquals("", LabSchema.suggestion("x", java.util.List.of("a", "b")));
    }
}
