package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FootprintTest {
    @Test
    void splitsFlashIntoWeightsCodeAndRuntimeAndRamIntoArenaModelAndRuntime() {
        SectionSizes sections = SectionSizes.parse(SectionSizesTest.SIZE_TXT);
        LinkMap map = LinkMap.parse(LinkMapTest.MAP, LinkMapTest.OBJ, Set.of("fully_connected_0_weights"), List.of(),
                "m");
        Footprint f = Footprint.of(sections, map, 0x18, 8);
        assertEquals(new Flash(5680, 0x10, 0x8c, 0x80, 0, 5680 - 0x10 - 0x8c, 0xe8 + 0xa, 0x84 + 0x60 + 0x8, 8),
                f.flash());
        assertEquals(5680 - 0x10 - 8, f.flash().exclModelData());
        assertEquals(5680 - 0x10, f.flash().exclWeights());
        assertEquals(0xc, f.flash().codeConstants());
        assertEquals(new Ram(560, 0x18, 0x8 + 0x20 - 0x18, 560 - 0x8 - 0x20), f.ram());
    }

    @Test
    void theKernelLibrarysMembersAreCodeNotRuntime() {
        SectionSizes sections = SectionSizes.parse(SectionSizesTest.SIZE_TXT);
        LinkMap map = LinkMap.parse(LinkMapTest.MAP, LinkMapTest.OBJ, Set.of("fully_connected_0_weights"),
                LinkMapTest.KERNEL_LIBRARIES, "m");
        Flash flash = Footprint.of(sections, map, 0x18, 0).flash();
        long library = 0x60 + 0x8;
        assertEquals(new Flash(5680, 0x10, 0x8c + library, 0x80 + 0x60, library, 5680 - 0x10 - 0x8c - library,
                0xe8 + 0xa, 0x84, 0), flash);
        assertEquals(0xc + 0x8, flash.codeConstants());
        assertEquals(5680 - 0x10, flash.exclWeights());
    }
}
