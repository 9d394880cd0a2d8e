package dev.twinpath.vf.ring;

/**
 * Class-hierarchy padding of {@link SpscDescriptorRing} (the JCTools/Agrona technique: the JVM lays
 * out superclass fields before subclass fields, so each class of the chain adds its fields after
 * those of its parent). Layout, each padding 128 bytes of {@code byte} fields (bytes need no
 * alignment, so the padding leaves no hole of its own for a later field to fill):
 * <pre>
 *   object header
 *   128 bytes     p000..p127
 *   read-only     slots, mask, capacity, lapShift  (written once, in the constructor)
 *   128 bytes     q000..q127
 *   producer      tail, headCache                (written by the producer thread only)
 *   128 bytes     r000..r127
 *   consumer      head, tailCache                (written by the consumer thread only)
 *   128 bytes     s000..s127
 * </pre>
 * 128 bytes rather than 64 because adjacent-line prefetch fetches cache lines in pairs. The trailing
 * padding keeps the next object on the heap (often the slot array) off the consumer's line.
 * {@code SpscDescriptorRingLayoutTest} checks the layout with JOL on the JVM that runs the tests.
 */
abstract class SpscRingHeaderPadding
{
    byte p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    byte p016, p017, p018, p019, p020, p021, p022, p023, p024, p025, p026, p027, p028, p029, p030, p031;
    byte p032, p033, p034, p035, p036, p037, p038, p039, p040, p041, p042, p043, p044, p045, p046, p047;
    byte p048, p049, p050, p051, p052, p053, p054, p055, p056, p057, p058, p059, p060, p061, p062, p063;
    byte p064, p065, p066, p067, p068, p069, p070, p071, p072, p073, p074, p075, p076, p077, p078, p079;
    byte p080, p081, p082, p083, p084, p085, p086, p087, p088, p089, p090, p091, p092, p093, p094, p095;
    byte p096, p097, p098, p099, p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111;
    byte p112, p113, p114, p115, p116, p117, p118, p119, p120, p121, p122, p123, p124, p125, p126, p127;
}

/** The ring's read-only fields: written once by the constructor, then read by both threads. */
abstract class SpscRingReadOnlyFields extends SpscRingHeaderPadding
{
    /** The descriptors, each with the parity of the lap that wrote it in bit 63. */
    final long[] slots;
    /** {@code capacity - 1}: position to slot index. */
    final int mask;
    /** Slots in the ring, a power of two. */
    final int capacity;
    /** {@code 63 - log2(capacity)}: moves a position's lap parity to bit 63. */
    final int lapShift;

    SpscRingReadOnlyFields(final int capacity)
    {
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.lapShift = 63 - Integer.numberOfTrailingZeros(capacity);
        this.slots = new long[capacity];
    }
}

abstract class SpscRingReadOnlyPadding extends SpscRingReadOnlyFields
{
    byte q000, q001, q002, q003, q004, q005, q006, q007, q008, q009, q010, q011, q012, q013, q014, q015;
    byte q016, q017, q018, q019, q020, q021, q022, q023, q024, q025, q026, q027, q028, q029, q030, q031;
    byte q032, q033, q034, q035, q036, q037, q038, q039, q040, q041, q042, q043, q044, q045, q046, q047;
    byte q048, q049, q050, q051, q052, q053, q054, q055, q056, q057, q058, q059, q060, q061, q062, q063;
    byte q064, q065, q066, q067, q068, q069, q070, q071, q072, q073, q074, q075, q076, q077, q078, q079;
    byte q080, q081, q082, q083, q084, q085, q086, q087, q088, q089, q090, q091, q092, q093, q094, q095;
    byte q096, q097, q098, q099, q100, q101, q102, q103, q104, q105, q106, q107, q108, q109, q110, q111;
    byte q112, q113, q114, q115, q116, q117, q118, q119, q120, q121, q122, q123, q124, q125, q126, q127;

    SpscRingReadOnlyPadding(final int capacity)
    {
        super(capacity);
    }
}

/** The producer's fields: written only by the producer thread. */
abstract class SpscRingProducerFields extends SpscRingReadOnlyPadding
{
    /** Next position to write; published with release (A). */
    long tail;
    /** The producer's last view of {@code head}, read with acquire (B). */
    long headCache;

    SpscRingProducerFields(final int capacity)
    {
        super(capacity);
    }
}

abstract class SpscRingProducerPadding extends SpscRingProducerFields
{
    byte r000, r001, r002, r003, r004, r005, r006, r007, r008, r009, r010, r011, r012, r013, r014, r015;
    byte r016, r017, r018, r019, r020, r021, r022, r023, r024, r025, r026, r027, r028, r029, r030, r031;
    byte r032, r033, r034, r035, r036, r037, r038, r039, r040, r041, r042, r043, r044, r045, r046, r047;
    byte r048, r049, r050, r051, r052, r053, r054, r055, r056, r057, r058, r059, r060, r061, r062, r063;
    byte r064, r065, r066, r067, r068, r069, r070, r071, r072, r073, r074, r075, r076, r077, r078, r079;
    byte r080, r081, r082, r083, r084, r085, r086, r087, r088, r089, r090, r091, r092, r093, r094, r095;
    byte r096, r097, r098, r099, r100, r101, r102, r103, r104, r105, r106, r107, r108, r109, r110, r111;
    byte r112, r113, r114, r115, r116, r117, r118, r119, r120, r121, r122, r123, r124, r125, r126, r127;

    SpscRingProducerPadding(final int capacity)
    {
        super(capacity);
    }
}

/** The consumer's fields: written only by the consumer thread. */
abstract class SpscRingConsumerFields extends SpscRingProducerPadding
{
    /** Next position to read; published with release (B). */
    long head;
    /** The consumer's last view of {@code tail}, read with acquire (A). */
    long tailCache;

    SpscRingConsumerFields(final int capacity)
    {
        super(capacity);
    }
}

abstract class SpscRingConsumerPadding extends SpscRingConsumerFields
{
    byte s000, s001, s002, s003, s004, s005, s006, s007, s008, s009, s010, s011, s012, s013, s014, s015;
    byte s016, s017, s018, s019, s020, s021, s022, s023, s024, s025, s026, s027, s028, s029, s030, s031;
    byte s032, s033, s034, s035, s036, s037, s038, s039, s040, s041, s042, s043, s044, s045, s046, s047;
    byte s048, s049, s050, s051, s052, s053, s054, s055, s056, s057, s058, s059, s060, s061, s062, s063;
    byte s064, s065, s066, s067, s068, s069, s070, s071, s072, s073, s074, s075, s076, s077, s078, s079;
    byte s080, s081, s082, s083, s084, s085, s086, s087, s088, s089, s090, s091, s092, s093, s094, s095;
    byte s096, s097, s098, s099, s100, s101, s102, s103, s104, s105, s106, s107, s108, s109, s110, s111;
    byte s112, s113, s114, s115, s116, s117, s118, s119, s120, s121, s122, s123, s124, s125, s126, s127;

    SpscRingConsumerPadding(final int capacity)
    {
        super(capacity);
    }
}
