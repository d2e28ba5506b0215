package dev.tflc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflc.codegen.CGenerator;
import java.util.List;

/**
 * results.json: the command, tflc's version, the kernel sets (and the CMSIS-NN used), the tools, how
 * each figure is measured ({@code method}), one object per row built from the columns that have a
 * JSON path, and the models left out with the reason.
 */
final class ResultsJson {
    private ResultsJson() {
    }

    static ObjectNode document(Results results, List<Column<Measurement>> columns) {
        ObjectNode root = BenchJson.MAPPER.createObjectNode();
        root.put("command", String.join(" ", results.command()));
        root.put("tflc_version", CGenerator.VERSION);
        root.set("kernels", BenchJson.tree(results.kernels()));
        if (results.cmsisNn() != null) {
            ObjectNode cmsisNn = root.putObject("cmsis_nn");
            cmsisNn.put("include", results.cmsisNn().include().toString());
            ObjectNode libraries = cmsisNn.putObject("libraries");
            results.cmsisNn().libraries().forEach((core, lib) -> libraries.put(core, lib.toString()));
        }
        root.set("tools", BenchJson.tree(results.tools()));
        root.set("method", method());
        ArrayNode rows = root.putArray("results");
        for (Measurement m : results.rows()) {
            rows.add(row(columns, m));
        }
        ArrayNode skipped = root.putArray("unsupported");
        for (Unsupported u : results.unsupported()) {
            skipped.addObject().put("model", u.model().name()).put("target", u.target()).put("reason", u.reason());
        }
        return root;
    }

    /** One row: each column's value at its path ("a.b" nests b in a). */
    static <R> ObjectNode row(List<Column<R>> columns, R row) {
        ObjectNode node = BenchJson.MAPPER.createObjectNode();
        for (Column<R> c : columns) {
            if (!c.inJson()) {
                continue;
            }
            Object value = c.json().apply(row);
            if (value == null && c.jsonOmitsNull()) {
                continue;
            }
            String[] path = c.jsonPath().split("\\.");
            ObjectNode parent = node;
            for (int i = 0; i < path.length - 1; i++) {
                parent = parent.get(path[i]) instanceof ObjectNode o ? o : parent.putObject(path[i]);
            }
            JsonNode v = value == null ? NullNode.getInstance() : BenchJson.tree(value);
            parent.set(path[path.length - 1], v);
        }
        return node;
    }

    private static ObjectNode method() {
        ObjectNode m = BenchJson.MAPPER.createObjectNode();
        m.put("instructions", "executed instructions per model_invoke(), counted around the call: on Cortex-M "
                + "boards QEMU with -icount shift=0 and a board timer, on RISC-V the minstret counter; exact to within "
                + "instruction_resolution");
        m.put("flash_total", ".vectors + .text + .ARM.extab + .ARM.exidx + .rodata + .weights + .data "
                + "(size -A of the target's toolchain: arm-none-eabi-size, riscv64-unknown-elf-size, avr-size)");
        m.put("flash_weights", "input sections .rodata.<name> (and RISC-V's .srodata.<name>, AVR's .progmem.data.<name> "
                + "and .progmemx.data.<name>) of the model folder's "
                + "objects where <name> is a "
                + "TFLC_ALIGNED constant array of model.c (weights and biases), plus any .tflc_weights* section; "
                + "checked equal to report.json weight_bytes");
        m.put("flash_code", "the model folder's other .text, .rodata and .data input sections (link map), and "
                + "those of the kernel set's library (libcmsis-nn.a members linked: code_library): code_text (.text, "
                + "the kernels and the layer calls) + code_constants (.rodata and .data: per-channel multipliers and "
                + "shifts, layer parameters, tables)");
        m.put("flash_runtime", "flash_total - weights - code: board runner/startup (runtime_board), "
                + "libc/libm/libgcc (runtime_libraries) and alignment padding");
        m.put("ram_total", ".data + .bss, arena included, stack excluded");
        m.put("kernels", "the kernel set tflc prefers: portable (its own C) or cmsis-nn (calls into CMSIS-NN, "
                + "layers it has no kernel for run portable); layers_by_kernel_set counts the layers that run code");
        m.put("tflm", "TensorFlow Lite Micro runs from tflm-baseline.json for the same model and core "
                + "(ref = reference kernels, cmsis = CMSIS-NN), -O2");
        m.put("vs_tflm", "on -O2 rows, tflc's figure over TFLM's with the same kind of kernels (tflm_kernels: cmsis "
                + "for cmsis-nn and optimized rows, ref for portable rows), and whether it is below the goal: fewer instructions, "
                + "a smaller arena (both including scratch buffers), flash excl. weights under half of TFLM's flash "
                + "excl. model");
        return m;
    }
}
