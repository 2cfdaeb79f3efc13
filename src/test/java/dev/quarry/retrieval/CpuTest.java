package dev.quarry.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuTest {
    @Test
    void readsVnniFromTheFlagsLineAndSaysNothingWhenThereIsNone(@TempDir Path tmp) throws Exception {
        Path epyc = tmp.resolve("epyc");
        Files.writeString(epyc, "processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: fpu sse2 avx avx2 fma\n\nprocessor\t: 1\n");
        assertThat(Cpu.readVnni(epyc)).contains(false);

        Path xeon = tmp.resolve("xeon");
        Files.writeString(xeon, "processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512_vnni amx_int8\n");
        assertThat(Cpu.readVnni(xeon)).contains(true);

        Path alder = tmp.resolve("alder");
        Files.writeString(alder, "flags\t\t: fpu avx2 avx_vnni\n");
        assertThat(Cpu.readVnni(alder)).contains(true);

        // A flag that merely starts with the name is not the flag.
        Path other = tmp.resolve("other");
        Files.writeString(other, "flags\t\t: avx2 avx_vnni_int8x\n");
        assertThat(Cpu.readVnni(other)).contains(false);

        Path arm = tmp.resolve("arm");
        Files.writeString(arm, "processor\t: 0\nFeatures\t: fp asimd asimddp\n");
        assertThat(Cpu.readVnni(arm)).isEmpty();
        assertThat(Cpu.readVnni(tmp.resolve("missing"))).isEmpty();
    }
}
