package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinkMapTest {
    static final Path OBJ = Path.of("/b/obj");

    /** Excerpts of a GNU ld map: names on their own line or with address, size and file on one. */
    static final List<String> MAP = """
            Archive member included to satisfy reference by file (symbol)
             .text          0x00000000       0x99 /b/obj/model/model.o

            Linker script and memory map

            LOAD /b/obj/model/model.o

            .text           0x00000100     0x10a0
             *(.text .text.* .gnu.linkonce.t.*)
             .text.model_invoke
                            0x00000134       0x80 /b/obj/model/model.o
                            0x00000134                model_invoke
             .text.tflc_crt_start
                            0x00000318       0xe8 /b/obj/board/crt.o
             .text          0x0000111c       0x84 /usr/lib/libc_nano.a(lib_a-strncmp.o)
             .text.arm_convolve_s8
                            0x000011a0       0x40 /cmsis/m4/libcmsis-nn.a(arm_convolve_s8.c.obj)
             .text          0x000011e0       0x20 /cmsis/m4/libcmsis-nn.a(arm_nn_mat_mult.c.obj)

            .rodata         0x000011a8      0x478
             .rodata.fully_connected_0_multipliers
                            0x00001210        0x4 /b/obj/model/model.o
             .rodata.fully_connected_0_weights
                            0x000013a8       0x10 /b/obj/model/model.o
             .rodata.say.str1.4
                            0x00001488        0xa /b/obj/board/runner.o
             *fill*         0x00001485        0x3
             .rodata        0x00001490        0x8 /cmsis/m4/libcmsis-nn.a(arm_nntables.c.obj)

            .data           0x20010000       0x10
             .data.x        0x20010000        0x8 /b/obj/model/model.o

            .bss            0x20010010      0x220
             .bss.model_arena
                            0x20010010       0x20 /b/obj/model/model.o
             COMMON         0x20010030        0x4 /b/obj/board/board.o

            .debug_info     0x00000000     0x3120
             .debug_info    0x00000000      0x100 /b/obj/model/model.o
            """.lines().toList();

    static final List<Path> KERNEL_LIBRARIES = List.of(Path.of("/cmsis/m4/libcmsis-nn.a"));

    @Test
    void sumsInputSectionsByOriginAndGroupWithWeightArraysApart() {
        LinkMap map = LinkMap.parse(MAP, OBJ, Set.of("fully_connected_0_weights"), KERNEL_LIBRARIES, "firmware.map");
        assertEquals(0x80, map.get(LinkMap.Origin.MODEL, SectionGroup.TEXT));
        assertEquals(0x4, map.get(LinkMap.Origin.MODEL, SectionGroup.RODATA));
        assertEquals(0x10, map.get(LinkMap.Origin.MODEL, SectionGroup.WEIGHTS));
        assertEquals(0x8, map.get(LinkMap.Origin.MODEL, SectionGroup.DATA));
        assertEquals(0x20, map.get(LinkMap.Origin.MODEL, SectionGroup.BSS));
        assertEquals(0xe8, map.get(LinkMap.Origin.BOARD, SectionGroup.TEXT));
        assertEquals(0xa, map.get(LinkMap.Origin.BOARD, SectionGroup.RODATA));
        assertEquals(0x4, map.get(LinkMap.Origin.BOARD, SectionGroup.BSS));
        assertEquals(0x84, map.get(LinkMap.Origin.LIBRARY, SectionGroup.TEXT));
        assertEquals(0x80 + 0x4 + 0x8, map.code(LinkMap.Origin.MODEL));
        assertEquals(0x40 + 0x20, map.get(LinkMap.Origin.KERNEL_LIBRARY, SectionGroup.TEXT));
        assertEquals(0x8, map.get(LinkMap.Origin.KERNEL_LIBRARY, SectionGroup.RODATA));
    }

    @Test
    void riscVsSmallReadOnlyDataOfAWeightArrayCountsAsWeights() {
        // riscv64-unknown-elf-gcc puts constants of up to 8 bytes (a one-unit layer's bias) in .srodata
        List<String> map = """
                Linker script and memory map

                .rodata         0x800008b4      0x3e8
                 *(.rodata .rodata.* .gnu.linkonce.r.*)
                 .rodata.fully_connected_2_weights
                                0x80000a00       0x10 /b/obj/model/model.o
                 *(.srodata .srodata.*)
                 .srodata.fully_connected_2_shifts
                                0x80000c00        0x4 /b/obj/model/model.o
                 .srodata.fully_connected_2_bias
                                0x80000c04        0x4 /b/obj/model/model.o
                """.lines().toList();
        LinkMap m = LinkMap.parse(map, OBJ, Set.of("fully_connected_2_weights", "fully_connected_2_bias"), List.of(),
                "firmware.map");
        assertEquals(0x10 + 0x4, m.get(LinkMap.Origin.MODEL, SectionGroup.WEIGHTS));
        assertEquals(0x4, m.get(LinkMap.Origin.MODEL, SectionGroup.RODATA));
    }

    @Test
    void avrsProgramMemoryWeightArraysInTextCountAsWeights() {
        // avr-gcc puts __flash constants in .progmem.data.NAME, __memx ones in .progmemx.data.NAME; the
        // link script places both in .text
        List<String> map = """
                Linker script and memory map

                .text           0x00000000     0x1542
                 *(.progmem*)
                 .progmem.data.fully_connected_0_weights
                                0x0000006c       0x40 /b/obj/model/model.o
                 .progmemx.data.fully_connected_0_bias
                                0x000000ac       0x10 /b/obj/model/model.o
                 .progmem.data.fully_connected_0_shifts
                                0x000000bc        0x2 /b/obj/model/model.o
                 .text.model_invoke
                                0x00000134       0x80 /b/obj/model/model.o
                """.lines().toList();
        LinkMap m = LinkMap.parse(map, OBJ, Set.of("fully_connected_0_weights", "fully_connected_0_bias"), List.of(),
                "firmware.map");
        assertEquals(0x40 + 0x10, m.get(LinkMap.Origin.MODEL, SectionGroup.WEIGHTS));
        assertEquals(0x2 + 0x80, m.get(LinkMap.Origin.MODEL, SectionGroup.TEXT));
    }

    @Test
    void withoutKernelLibrariesTheirMembersAreLibraries() {
        LinkMap map = LinkMap.parse(MAP, OBJ, Set.of(), List.of(), "firmware.map");
        assertEquals(0x84 + 0x40 + 0x20, map.get(LinkMap.Origin.LIBRARY, SectionGroup.TEXT));
        assertEquals(0, map.code(LinkMap.Origin.KERNEL_LIBRARY));
    }

    @Test
    void aFileWithoutAMemoryMapIsNotALinkMap() {
        BenchFailure f = assertThrows(BenchFailure.class,
                () -> LinkMap.parse(List.of("hello"), OBJ, Set.of(), List.of(), "x.map"));
        assertEquals("x.map is not a GNU ld map (no memory map)", f.getMessage());
    }
}
