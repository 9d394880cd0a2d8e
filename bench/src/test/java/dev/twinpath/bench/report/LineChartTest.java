package dev.twinpath.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineChartTest
{
    private static LineChart chart()
    {
        return new LineChart("Throughput <per> path & \"more\"", "time (s)", "Mpps")
            .add(new LineChart.Series("vf", RunCharts.VF, new double[] {0, 1, 2, 3}, new double[] {1, 1, Double.NaN, 0.9}))
            .add(new LineChart.Series("synthetic", RunCharts.SYNTHETIC, new double[] {0, 1, 2, 3}, new double[] {0, 0, 1, 0}))
            .band(new LineChart.Band(1.5, 2.5, RunCharts.SWITCH, "path switch"))
            .marker(new LineChart.Marker(2.8, RunCharts.MIGRATION, "vm1 A\u2192B"));
    }

    @Test
    void theSvgIsWellFormedXmlWithOneLinePerUnbrokenStretch() throws Exception
    {
        final String svg = chart().toSvg(640, 300);
        final Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        assertEquals("Throughput <per> path & \"more\"", doc.getElementsByTagName("title").item(0).getTextContent());
        final NodeList lines = doc.getElementsByTagName("polyline");
        assertEquals(3, lines.getLength(), "vf broken at its NaN into two, synthetic whole");
        assertEquals(2, lines.item(0).getAttributes().getNamedItem("points").getTextContent().split(" ").length);
        assertEquals(2, count(svg, "fill=\"#9467bd\" fill-opacity"), "the switch band and its legend swatch");
        assertTrue(svg.contains("stroke-dasharray"), "the migration marker is dashed");
    }

    @Test
    void theJsonCarriesEveryPointBandAndMarker() throws Exception
    {
        final JsonNode json = new ObjectMapper().readTree(chart().toJson());
        assertEquals(2, json.get("series").size());
        assertTrue(json.get("series").get(0).get("y").get(2).isNull(), "NaN becomes null");
        assertEquals(0.9, json.get("series").get(0).get("y").get(3).asDouble(), 1e-12);
        assertEquals(1.5, json.get("bands").get(0).get("from").asDouble(), 1e-12);
        assertEquals("vm1 A\u2192B", json.get("markers").get(0).get("label").asText());
    }

    @Test
    void thePngIsTheSameDrawing() throws Exception
    {
        final BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart().toPng(640, 300)));
        assertEquals(640, image.getWidth());
        assertEquals(300, image.getHeight());
        boolean blue = false;
        for (int x = 0; x < image.getWidth() && !blue; x++)
        {
            for (int y = 0; y < image.getHeight() && !blue; y++)
            {
                blue = (image.getRGB(x, y) & 0xFFFFFF) == RunCharts.VF;
            }
        }
        assertTrue(blue, "the vf series is drawn in its colour");
    }

    @Test
    void percentileCurvesFollowTheHistogram()
    {
        final Histogram h = new Histogram(10_000_000_000L, 3);
        for (int i = 1; i <= 100_000; i++)
        {
            h.recordValue(i * 1_000L); // 1 us .. 100 ms, uniform
        }
        final LineChart.Series s = RunCharts.curve("vf", RunCharts.VF, h);
        assertEquals(0, s.xs()[0], 1e-12);
        assertEquals(5, s.xs()[s.xs().length - 1], 1e-9);
        assertEquals(h.getValueAtPercentile(90), s.ys()[20], 0, "x = 1 is the 90th percentile");
        assertEquals(h.getValueAtPercentile(99), s.ys()[40], 0, "x = 2 is the 99th");
        for (int i = 1; i < s.ys().length; i++)
        {
            assertTrue(s.ys()[i] >= s.ys()[i - 1], "a percentile curve never falls");
        }
        assertEquals(0, RunCharts.curve("none", 0, new Histogram(3)).xs().length, "nothing recorded, nothing drawn");
        assertEquals("1.5 ms", RunCharts.latencyLabel(1_500_000));
        assertEquals("250 \u00b5s", RunCharts.latencyLabel(250_000));
    }

    private static int count(final String text, final String part)
    {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1))
        {
            n++;
        }
        return n;
    }
}
