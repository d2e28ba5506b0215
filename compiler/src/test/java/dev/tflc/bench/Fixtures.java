package dev.tflc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Shared test data for the benchmark's tests: the repository, and made-up measurements. */
final class Fixtures {
    private Fixtures() {
    }

    /** This repository: the first folder at or above the working directory with targets/run-on-board. */
    static Path repository() {
        return Stream.iterate(Path.of("").toAbsolutePath(), p -> p != null, Path::getParent)
                .filter(p -> Files.isExecutable(p.resolve("targets/run-on-board"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no targets/run-on-board above the working directory"));
    }

    /** A stand-in for CMSIS-NN's Include folder: {@code dir} with an empty arm_nnfunctions.h. */
    static Path cmsisNnInclude(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("arm_nnfunctions.h"), "");
        return dir;
    }

    static final TflmRun TFLM_REF = new TflmRun(2260L, 3104L, 300472L, 23496L, 276976L, 1954014L, 7.4, 728L);
    static final TflmRun TFLM_CMSIS = new TflmRun(2580L, 3424L, 311896L, 34920L, 276976L, 582942L, 2.21, 1076L);

    /** A row shaped like ad_autoencoder_int8 on cortex-m4 with portable kernels, with TFLM's runs or without. */
    static Measurement measurement(String opt, String output, TflmComparison tflm) {
        return new Measurement(new SharedModel("mlperf-tiny", "ad_autoencoder_int8", Path.of("ad.tflite")),
                "cortex-m4", "mps2-an386", "portable", Map.of("portable", 10), opt, output, 264192, 768, 768,
                new InstructionCount(1699720, 40.0, 448),
                new Flash(276648, 270880, 1164, 804, 0, 4604, 3145, 1420, 32), new Ram(1296, 768, 0, 528), tflm);
    }

    /**
     * The same model with cmsis-nn kernels on 9 of its 10 layers, executing {@code instructions}:
     * arena 768 (TFLM with CMSIS-NN: 2,580), flash excl. weights 12,000 (TFLM's excl. model: 34,920).
     */
    static Measurement cmsisNn(String opt, long instructions, TflmComparison tflm) {
        return new Measurement(new SharedModel("mlperf-tiny", "ad_autoencoder_int8", Path.of("ad.tflite")),
                "cortex-m4", "mps2-an386", "cmsis-nn", Map.of("cmsis-nn", 9, "portable", 1), opt, "bit-exact",
                264192, 768, 768, new InstructionCount(instructions, 40.0, 512),
                new Flash(282880, 270880, 7400, 3000, 5600, 4600, 3145, 1420, 32), new Ram(1296, 768, 0, 528), tflm);
    }

    static TflmComparison tflm() {
        return new TflmComparison("tiny__anomaly_detection_ad01_int8", TFLM_REF, TFLM_CMSIS);
    }

    static Results results(List<Measurement> rows, List<Unsupported> unsupported) {
        return new Results(List.of("bench/run", "--opts", "-O2"), Map.of("arm-none-eabi-gcc", "gcc 12"),
                List.of("cortex-m4"), List.of("portable"), null, rows, unsupported);
    }

    /** Results of both kernel sets, with CMSIS-NN from /cmsis. */
    static Results bothKernelSets(List<Measurement> rows) {
        return new Results(List.of("bench/run", "--kernels", "portable,cmsis-nn"), Map.of("arm-none-eabi-gcc", "gcc 12"),
                List.of("cortex-m4"), List.of("portable", "cmsis-nn"),
                new CmsisNn(Path.of("/cmsis/Include"), Map.of("cortex-m4", Path.of("/cmsis/m4/libcmsis-nn.a"))), rows,
                List.of());
    }
}
