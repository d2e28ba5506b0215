package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SectionSizesTest {
    /** arm-none-eabi-size -A -d of a hello_world_int8 firmware. */
    static final List<String> SIZE_TXT = """
            /tmp/work/hello_world_int8-cortex-m4/build-O2/firmware.elf  :
            section             size        addr
            .vectors             256           0
            .text               4256         256
            .ARM.exidx             8        4512
            .rodata             1144        4520
            .stack             65536   536870912
            .data                 16   536936448
            .bss                 544   536936464
            .ARM.attributes       50           0
            .debug_info        12576           0
            .comment              38           0
            Total             110038
            """.lines().toList();

    @Test
    void groupsAllocatedSectionsAsRunOnBoardDoes() {
        SectionSizes s = SectionSizes.parse(SIZE_TXT);
        assertEquals(4520, s.get(SectionGroup.TEXT));
        assertEquals(1144, s.get(SectionGroup.RODATA));
        assertEquals(0, s.get(SectionGroup.WEIGHTS));
        assertEquals(16, s.get(SectionGroup.DATA));
        assertEquals(544, s.get(SectionGroup.BSS));
    }

    @Test
    void flashIsTextRodataWeightsAndDataAndRamIsDataAndBssWithoutTheStack() {
        SectionSizes s = SectionSizes.parse(SIZE_TXT);
        assertEquals(5680, s.flash());
        assertEquals(560, s.ram());
    }
}
