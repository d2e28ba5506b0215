package dev.tflc.bench;

import java.nio.file.Path;

/**
 * One image built and run on an emulated board: the build folder (firmware.elf, firmware.map,
 * size.txt), the run's log (compiler diagnostics, sizes, the firmware's line) and where it is kept,
 * and the output tensors' bytes.
 */
record BoardRun(Path build, Path logFile, String log, byte[] output) {
}
