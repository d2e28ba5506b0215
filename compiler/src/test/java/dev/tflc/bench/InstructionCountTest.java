package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstructionCountTest {
    @Test
    void readsInstructionsResolutionAndStackFromTheFirmwaresLine() {
        String log = """
                size: text=4520 rodata=1144 weights=0 data=16 bss=544 (flash=5680 ram=560, stack reserve=65536)
                tflc: instructions=4120 resolution=40 ticks=103 timer_hz=25000000 stack=448 status=0 board=mps2-an386
                """;
        assertEquals(Optional.of(new InstructionCount(4120, 40, 448)), InstructionCount.parse(log));
    }

    @Test
    void aLogWithoutTheLineHasNoCount() {
        assertTrue(InstructionCount.parse("run-on-board: cortex-m4 on mps2-an386\n").isEmpty());
    }
}
