package dev.quarry.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuTest {
    @TempDir Path tmp;

    /** What Cpu reads from a /proc/cpuinfo holding {@code text}. */
    private Optional<Boolean> vnni(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return Cpu.readVnni(f);
    }

    @Test
    void readsVnniFromTheFlagsLineAndSaysNothingWhenThereIsNone() throws Exception {
        assertThat(vnni("epyc", "processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: fpu sse2 avx avx2 fma\n\nprocessor\t: 1\n")).contains(false);
        assertThat(vnni("xeon", "processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512_vnni amx_int8\n")).contains(true);
        assertThat(vnni("alder", "flags\t\t: fpu avx2 avx_vnni\n")).contains(true);
        // A flag that merely starts with the name is not the flag.
        assertThat(vnni("other", "flags\t\t: avx2 avx_vnni_int8x\n")).contains(false);
        assertThat(vnni("arm", "processor\t: 0\nFeatures\t: fp asimd asimddp\n")).isEmpty();
        assertThat(Cpu.readVnni(tmp.resolve("missing"))).isEmpty();
    }
}
