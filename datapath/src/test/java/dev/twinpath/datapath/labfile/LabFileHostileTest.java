package dev.twinpath.datapath.labfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files built to exhaust the reader are refused quickly with a message that says which limit they hit,
 * never with a StackOverflowError or an OutOfMemoryError.
 */
@Timeout(30)
class LabFileHostileTest
{
    @Test
    void aBillionLaughsAliasBombIsRefused()
    {
        final StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'i'; c++)
        {
            final char previous = (char)(c - 1);
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++)
            {
                bomb.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            bomb.append("]\n");
        }
        bomb.append("duration: 1s\nhosts: [{name: A}]\nvms: [{name: v, host: A, adapters: *i}]\n");

        final LabFileException ex = refused(bomb.toString(), "bomb.yaml");
        assertEquals("bomb.yaml: the file uses more than 10 aliases (*name) of lists or mappings; a lab file may " +
            "use at most 10 (a guard against alias bombs)", ex.getMessage());
    }

    @Test
    void fiveMegabytesOfTextAreRefusedBeforeParsing(@TempDir final Path dir) throws IOException
    {
        final String big = "duration: 1s\n# " + "x".repeat(5 * 1024 * 1024) + "\n";
        assertEquals("big.yaml: the text has 5242896 characters; a lab file holds at most 1048576",
            refused(big, "big.yaml").getMessage());

        final Path file = dir.resolve("big.yaml");
        Files.writeString(file, big, StandardCharsets.UTF_8);
        final LabFileException fromFile = assertThrows(LabFileException.class, () -> LabFileReader.read(file));
        assertEquals("big.yaml: the file is 5242896 bytes; a lab file holds at most 1048576 characters",
            fromFile.getMessage());
    }

    @Test
    void textJustOverTheLimitThatPassesTheQuickCheckIsStillRefused(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("wide.yaml");
        // 3 bytes a character in UTF-8: under the byte check, over the character limit
        Files.writeString(file, "# " + "\u20ac".repeat(LabFileReader.MAX_CHARS), StandardCharsets.UTF_8);
        final LabFileException ex = assertThrows(LabFileException.class, () -> LabFileReader.read(file));
        assertTrue(ex.getMessage().contains("a lab file holds at most 1048576"), ex.getMessage());
    }

    @Test
    void tenThousandLevelsOfNestingAreRefused()
    {
        final String deepJson = "[".repeat(10_000) + "]".repeat(10_000);
        assertEquals("deep.json: the file nests lists or mappings more than 50 levels deep",
            refused(deepJson, "deep.json").getMessage());

        final String deepMappings = "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_000);
        assertEquals("deep.json: the file nests lists or mappings more than 50 levels deep",
            refused(deepMappings, "deep.json").getMessage());

        final StringBuilder deepBlock = new StringBuilder();
        for (int i = 0; i < 1_000; i++)
        {
            deepBlock.append(" ".repeat(i)).append("k:\n");
        }
        assertTrue(refused(deepBlock.toString(), "deep.yaml").getMessage().contains("more than 50 levels deep"));
    }

    @Test
    void aRecursiveAliasIsReportedNotFollowed()
    {
        final List<LabFileProblem> problems = refused("""
            duration: 1s
            hosts: &h [*h]
            vms: [{ name: v, host: A, team: { members: &m [*m, *m] } }]
            """, "loop.yaml").problems();
        LabFileValidationTest.assertProblem(problems, "hosts[0]", 2, "expected a host");
        LabFileValidationTest.assertProblem(problems, "vms[0].team.members[0]", 3, "got a list");
    }

    @Test
    void aFileFullOfMistakesListsACappedNumberOfThem()
    {
        final StringBuilder text = new StringBuilder("duration: 1s\nhosts: [{name: A}]\nvms:\n");
        for (int i = 0; i < 10_000; i++)
        {
            text.append("  - { name: v").append(i).append(", host: A, adapters: [{ iovWeight: high }] }\n");
        }
        final List<LabFileProblem> problems = refused(text.toString(), "many.yaml").problems();
        assertEquals(Problems.MAX_PROBLEMS + 1, problems.size());
        assertEquals(new LabFileProblem("", 0, 0, "9951 more problems not listed (the first 50 are)"),
            problems.get(problems.size() - 1));
        assertEquals(4, problems.get(0).line());
    }

    @Test
    void hugeValuesAndKeysAreShortenedInMessages()
    {
        final String longKey = "k".repeat(1_000);
        final String longNumber = "9".repeat(100_000);
        final LabFileException ex = refused(
            "duration: " + longNumber + "\n" + longKey + ": 1\nhosts: [{name: A}]\nvms: [{name: v, host: A}]\n",
            "long.yaml");
        assertTrue(ex.getMessage().length() < 1_000, ex.getMessage());
        LabFileValidationTest.assertProblem(ex.problems(), "duration", 1, "got '9999999999999999999999999999999999999999...'");
    }

    private static LabFileException refused(final String text, final String fileName)
    {
        return assertThrows(LabFileException.class, () -> LabFileReader.parse(text, fileName));
    }
}
