package dev.quarry.retrieval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the processor offers the int8 model. ONNX Runtime's int8 matrix kernels are about three times
 * faster with VNNI dot products (AVX512-VNNI or AVX-VNNI) than with AVX2 alone, and round differently
 * there (EmbedderParityTest's bound depends on it; docs/BENCHMARKS.md).
 */
public final class Cpu {
    private Cpu() {}

    private static final Optional<Boolean> VNNI = readVnni(Path.of("/proc/cpuinfo"));

    /** Whether the CPU has VNNI int8 dot products; empty where that cannot be read (only Linux says). */
    public static Optional<Boolean> hasVnni() {
        return VNNI;
    }

    static Optional<Boolean> readVnni(Path cpuinfo) {
        if (!Files.isReadable(cpuinfo)) return Optional.empty();
        try {
            String flags = flags(Files.readString(cpuinfo));
            if (flags.isEmpty()) return Optional.empty();
            return Optional.of(flags.contains(" avx512_vnni ") || flags.contains(" avx_vnni "));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The first processor's flags line (x86 "flags"), padded with spaces so that each flag is " name ". */
    static String flags(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("flags")) {
                int colon = line.indexOf(':');
                if (colon > 0) return " " + line.substring(colon + 1).strip() + " ";
            }
        }
        return "";
    }
}
