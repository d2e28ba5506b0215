package dev.tflc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.codegen.HostCompiler;
import dev.tflc.testing.SharedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format cmake} and {@code --format make} built with the real tools: CMake standalone (the
 * library and the example, which gives the golden output), through {@code add_subdirectory} from a
 * parent project, and cross-compiled for Cortex-M4; the make fragment included from a user's Makefile
 * on the host (golden output) and with the Arm cross compiler. A generated CMakeLists.txt that calls
 * CMSIS-NN refuses to configure without the user's CMSIS-NN paths, and a user's own CMakeLists.txt is
 * never overwritten.
 */
class BuildFormatsTest {
    private static final Path KWS = SharedModels.root().resolve("mlperf-tiny/kws_dscnn_int8.tflite");
    private static final String WARNINGS = "-Wall -Wextra -Werror";

    /** A user's host program around a model compiled with prefix kws: stdin's bytes in, the output's out. */
    static final String KWS_APP = """
            #include <stdio.h>
            #include "kws.h"
            int main(void)
            {
                if (fread(kws_input(0), 1, kws_input_bytes(0), stdin) != kws_input_bytes(0)) {
                    return 2;
                }
                if (kws_invoke() != 0) {
                    return 1;
                }
                return fwrite(kws_output(0), 1, kws_output_bytes(0), stdout) == kws_output_bytes(0) ? 0 : 1;
            }
            """;

    @TempDir
    Path tmp;

    private Path compile(String dirName, String... options) {
        Path dir = tmp.resolve(dirName);
        String[] args = new String[4 + options.length];
        args[0] = "compile";
        args[1] = KWS.toString();
        args[2] = "-o";
        args[3] = dir.toString();
        System.arraycopy(options, 0, args, 4, options.length);
        MainTest.Result r = MainTest.tflc(new byte[0], args);
        assertEquals(0, r.code(), r.err());
        return dir;
    }

    private static byte[] run(Path dir, byte[] stdin, String... cmd) throws Exception {
        return HostCompiler.run(dir, List.of(cmd), stdin);
    }

    @Test
    void cmakeBuildsTheLibraryAndAnExampleThatGivesTheGoldenOutput() throws Exception {
        Path dir = compile("kws", "--format", "cmake");
        assertTrue(Files.isRegularFile(dir.resolve("CMakeLists.txt")));
        run(dir, null, "cmake", "-S", ".", "-B", "build", "-DCMAKE_C_FLAGS=" + WARNINGS);
        run(dir, null, "cmake", "--build", "build");
        assertTrue(Files.isRegularFile(dir.resolve("build/libmodel.a")));
        byte[] out = run(dir, SharedModels.goldenInput(KWS), "./build/model_example");
        assertArrayEquals(SharedModels.goldenOutput(KWS), out);
    }

    @Test
    void cmakeAddSubdirectoryLinksTheLibraryIntoTheUsersProgram() throws Exception {
        compile("model", "--format", "cmake", "--prefix", "kws");
        Files.writeString(tmp.resolve("CMakeLists.txt"), """
                cmake_minimum_required(VERSION 3.13)
                project(app C)
                add_subdirectory(model)
                add_executable(app app.c)
                target_link_libraries(app PRIVATE kws)
                """);
        Files.writeString(tmp.resolve("app.c"), KWS_APP);
        run(tmp, null, "cmake", "-S", ".", "-B", "build", "-DCMAKE_C_FLAGS=" + WARNINGS);
        run(tmp, null, "cmake", "--build", "build");
        assertFalse(Files.exists(tmp.resolve("build/model/kws_example")), "no example inside a parent project");
        assertArrayEquals(SharedModels.goldenOutput(KWS), run(tmp, SharedModels.goldenInput(KWS), "./build/app"));
    }

    @Test
    void cmakeCrossCompilesTheLibraryForCortexM4() throws Exception {
        Path dir = compile("kws", "--format", "cmake", "--target", "cortex-m4");
        Files.writeString(tmp.resolve("arm.cmake"), """
                set(CMAKE_SYSTEM_NAME Generic)
                set(CMAKE_SYSTEM_PROCESSOR arm)
                set(CMAKE_C_COMPILER arm-none-eabi-gcc)
                set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
                set(CMAKE_C_FLAGS_INIT "-mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard -mthumb")
                """);
        run(dir, null, "cmake", "-S", ".", "-B", "build", "-DCMAKE_TOOLCHAIN_FILE=" + tmp.resolve("arm.cmake"),
                "-DCMAKE_C_FLAGS=" + WARNINGS);
        run(dir, null, "cmake", "--build", "build");
        String members = new String(run(dir, null, "arm-none-eabi-ar", "t", "build/libmodel.a"));
        assertTrue(members.contains("model.c.o") && members.contains("tflc_softmax_s8.c.o"), members);
        assertFalse(Files.exists(dir.resolve("build/model_example")), "no host example when cross compiling");
    }

    @Test
    void cmakeWithCmsisNnLayersAsksForTheUsersCmsisNn() throws Exception {
        Path dir = compile("kws", "--format", "cmake", "--target", "cortex-m4", "--kernels", "cmsis-nn");
        Files.writeString(tmp.resolve("arm.cmake"), """
                set(CMAKE_SYSTEM_NAME Generic)
                set(CMAKE_C_COMPILER arm-none-eabi-gcc)
                set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
                """);
        var e = assertThrows(HostCompiler.ToolException.class, () -> run(dir, null, "cmake", "-S", ".", "-B",
                "build", "-DCMAKE_TOOLCHAIN_FILE=" + tmp.resolve("arm.cmake")));
        assertTrue(e.getMessage().contains("model calls CMSIS-NN: set CMSIS_NN_INCLUDE and CMSIS_NN_LIBRARY"),
                e.getMessage());
    }

    @Test
    void makeFragmentBuildsTheUsersProgramFromTheirOwnMakefile() throws Exception {
        compile("kws", "--format", "make", "--prefix", "kws", "--main");
        Files.writeString(tmp.resolve("Makefile"), """
                include kws/kws.mk
                CFLAGS += $(KWS_CFLAGS) -O2 -Wall -Wextra -Werror
                app: kws/main.o $(KWS_OBJS)
                \t$(CC) -o $@ $^ $(KWS_LDLIBS)
                """);
        run(tmp, null, "make", "app");
        assertArrayEquals(SharedModels.goldenOutput(KWS), run(tmp, SharedModels.goldenInput(KWS), "./app"));
    }

    @Test
    void makeFragmentCrossCompilesForCortexM4() throws Exception {
        compile("kws", "--format", "make", "--prefix", "kws", "--target", "cortex-m4");
        Files.writeString(tmp.resolve("Makefile"), """
                CC = arm-none-eabi-gcc
                include kws/kws.mk
                CFLAGS += $(KWS_CFLAGS) -O2 -mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard -mthumb -Wall -Wextra -Werror
                libkws.a: $(KWS_OBJS)
                \tarm-none-eabi-ar rcs $@ $^
                """);
        run(tmp, null, "make", "libkws.a");
        String members = new String(run(tmp, null, "arm-none-eabi-ar", "t", "libkws.a"));
        assertTrue(members.contains("kws.o"), members);
    }

    @Test
    void aUsersOwnCMakeListsIsNeverOverwritten() throws Exception {
        Path dir = tmp.resolve("project");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("CMakeLists.txt"), "project(mine C)\n");
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", KWS.toString(), "-o", dir.toString(), "--format",
                "cmake");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("CMakeLists.txt"), r.err());
        assertEquals("project(mine C)\n", Files.readString(dir.resolve("CMakeLists.txt")));
        assertFalse(Files.exists(dir.resolve("model.c")), "nothing written");
    }
}
