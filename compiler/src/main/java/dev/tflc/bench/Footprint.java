package dev.tflc.bench;

import java.io.IOException;
import java.util.List;

/**
 * The flash and RAM of a built image, split between the model (the generated folder and the kernel
 * set's library) and the runtime around it.
 */
record Footprint(Flash flash, Ram ram) {

    /** Reads a build's size.txt and link map and splits them; the weights must be report.json's. */
    static Footprint read(BoardRun run, CompiledModel c, String what) throws IOException {
        SectionSizes sections = SectionSizes.read(run.build().resolve("size.txt"));
        LinkMap map = LinkMap.read(run.build(), c.weightArrays(), c.build().libraries());
        long weights = map.get(LinkMap.Origin.MODEL, SectionGroup.WEIGHTS);
        if (weights != c.weightBytes()) {
            throw new BenchFailure(what + ": the image holds " + weights + " bytes of weight arrays, report.json says "
                    + c.weightBytes() + ": cannot split flash into code and weights");
        }
        return of(sections, map, c.arenaBytes(), c.tableBytes());
    }

    static Footprint of(SectionSizes sections, LinkMap map, long arenaBytes, long tableBytes) {
        long total = sections.flash();
        long weights = map.get(LinkMap.Origin.MODEL, SectionGroup.WEIGHTS);
        long kernelLibrary = map.code(LinkMap.Origin.KERNEL_LIBRARY);
        long code = map.code(LinkMap.Origin.MODEL) + kernelLibrary;
        long codeText = map.get(LinkMap.Origin.MODEL, SectionGroup.TEXT)
                + map.get(LinkMap.Origin.KERNEL_LIBRARY, SectionGroup.TEXT);
        Flash flash = new Flash(total, weights, code, codeText, kernelLibrary, total - weights - code,
                map.code(LinkMap.Origin.BOARD), map.code(LinkMap.Origin.LIBRARY), tableBytes);
        long ramTotal = sections.ram();
        long modelRam = 0;
        for (LinkMap.Origin o : List.of(LinkMap.Origin.MODEL, LinkMap.Origin.KERNEL_LIBRARY)) {
            modelRam += map.get(o, SectionGroup.DATA) + map.get(o, SectionGroup.BSS);
        }
        return new Footprint(flash, new Ram(ramTotal, arenaBytes, modelRam - arenaBytes, ramTotal - modelRam));
    }
}
