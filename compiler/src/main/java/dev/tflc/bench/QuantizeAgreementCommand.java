package dev.tflc.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench/quantize}: quantizes the float MLPerf Tiny models with tflc quantize and prints, per
 * model, how closely its int8 model and the converter's follow the float model
 * ({@link QuantizeAgreement}) as a Markdown table.
 */
@Command(name = "bench/quantize", sortOptions = false, usageHelpWidth = 110,
        description = "Quantizes the float MLPerf Tiny models (ad, ic, kws hybrid, vww) with tflc quantize on "
                + "calibration inputs from a seed, and prints how closely its int8 model and the converter's own "
                + "follow the float model on other inputs drawn the same way (Java reference), as Markdown.",
        footer = "Exit status: 0 success; 1 a model could not be read or quantized; 2 bad options.")
public final class QuantizeAgreementCommand implements Callable<Integer> {
    /** The float models and the converter's int8 model of each, in mlperf-tiny. */
    static final List<String> MODELS = List.of("ad_autoencoder", "ic_resnet8", "kws_dscnn", "vww_mobilenet");

    static final List<Column<QuantizeAgreement.Row>> COLUMNS = List.of(
            Column.text("model", "model", r -> r.model() + "_float"),
            Column.count("calibration inputs", "calibration", QuantizeAgreement.Row::calibrationSamples),
            Column.count("test inputs", "test", QuantizeAgreement.Row::testSamples),
            Column.of("tflc SNR dB", true, r -> decibels(r.tflcSnrDb()), "tflc_snr_db", r -> r.tflcSnrDb()),
            Column.of("tflc top-1", true, r -> fraction(r.tflcTop1()), "tflc_top1", r -> r.tflcTop1()),
            Column.of("converter SNR dB", true, r -> decibels(r.converterSnrDb()), "converter_snr_db",
                    r -> r.converterSnrDb()),
            Column.of("converter top-1", true, r -> fraction(r.converterTop1()), "converter_top1",
                    r -> r.converterTop1()));

    @Option(names = "--calibration", paramLabel = "N", defaultValue = "50",
            description = "Calibration inputs per model (default: ${DEFAULT-VALUE}).")
    int calibration;

    @Option(names = "--test", paramLabel = "N", defaultValue = "50",
            description = "Test inputs per model (default: ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "2024",
            description = "Calibration inputs come from seed S, test inputs from S + 1 (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ToolOptions tool;

    public static void main(String[] args) {
        System.exit(CommandLines.create(new QuantizeAgreementCommand(), "quantize").execute(args));
    }

    @Override
    public Integer call() {
        if (calibration < 1 || test < 1) {
            throw new BenchFailure(BenchFailure.BAD_OPTIONS, "--calibration and --test need positive whole numbers");
        }
        PrintWriter out = tool.out();
        PrintWriter err = tool.err();
        List<QuantizeAgreement.Row> rows = new ArrayList<>();
        for (String m : MODELS) {
            err.println("quantize: " + m + "_float");
            err.flush();
            rows.add(QuantizeAgreement.measure(m, tool.modelsDir().resolve("mlperf-tiny/" + m + "_float.tflite"),
                    tool.modelsDir().resolve("mlperf-tiny/" + m + "_int8.tflite"), calibration, test, seed, done -> { }));
        }
        out.print("Agreement with the float model (Java reference), " + calibration + " calibration inputs (seed "
                + seed + "), " + test + " test inputs (seed " + (seed + 1) + "):\n\n"
                + MarkdownTable.render(COLUMNS, rows));
        out.flush();
        return 0;
    }

    static String decibels(double db) {
        return String.format(Locale.ROOT, "%.1f", db);
    }

    static String fraction(double f) {
        return Double.isNaN(f) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * f);
    }
}
