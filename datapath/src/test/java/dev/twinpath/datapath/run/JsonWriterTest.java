package dev.twinpath.datapath.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonWriterTest
{
    @Test
    void nestedObjectsArraysAndEscapes()
    {
        final JsonWriter json = new JsonWriter().beginObject()
            .field("name", "a \"quoted\"\\path\n")
            .field("count", 3)
            .field("ratio", 0.125, 2)
            .field("none", Double.NaN, 2)
            .key("empty").beginObject().endObject()
            .key("list").beginArray().value(1).value("two").value(true).endArray()
            .key("inner").beginObject().field("x", -1).endObject()
            .field("missing", (String)null)
            .endObject();
        assertEquals("""
            {
              "name": "a \\"quoted\\"\\\\path\\n",
              "count": 3,
              "ratio": 0.13,
              "none": null,
              "empty": {},
              "list": [
                1,
                "two",
                true
              ],
              "inner": {
                "x": -1
              },
              "missing": null
            }
            """, json.toString());
    }
}
