package dev.twinpath.datapath.labfile;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fuzz target of the lab-file reader (Jazzer): any text is a lab or a {@link LabFileException} listing its
 * problems, never another exception, a stack overflow or a hang. In `mvn verify` it runs over its saved
 * inputs (the shipped examples among them); `JAZZER_FUZZ=1` fuzzes (docs/reliability.md).
 */
class LabFileFuzzTest
{
    @FuzzTest(maxDuration = "30s")
    void parse(final FuzzedDataProvider data)
    {
        final String text = data.consumeRemainingAsString();
        try
        {
            assertNotNull(LabFileReader.parse(text, "fuzz.yaml"));
        }
        catch (final LabFileException refused)
        {
            assertFalse(refused.problems().isEmpty());
        }
    }
}
