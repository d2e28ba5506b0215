package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTableTest {
    @Test
    void headersThenAlignmentThenOneLinePerRowLeavingOutJsonOnlyColumns() {
        List<Column<Long>> columns = List.of(Column.text("name", "name", n -> "n" + n),
                Column.jsonOnly("hidden", n -> n), Column.count("bytes", "bytes", n -> n * 1000));
        assertEquals("""
                | name | bytes |
                |---|---:|
                | n1 | 1,000 |
                | n2000 | 2,000,000 |
                """, MarkdownTable.render(columns, List.of(1L, 2000L)));
    }
}
