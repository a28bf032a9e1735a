package org.hvlab.kernel.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The instruction walk against real class files: the running JDK's own (switches, wide, invokedynamic, ...). */
class BytecodeTest {
    @Test
    void should_walk_every_method_of_real_jdk_classes_exactly_to_the_end_of_its_code() throws IOException {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        int methods = 0;
        int[] opcodes = new int[256];
        for (String dir : List.of("/modules/java.base/java/util", "/modules/jdk.compiler/com/sun/tools/javac/comp",
                "/modules/java.base/java/lang/invoke")) {
            List<Path> classes;
            try (Stream<Path> files = Files.walk(jrt.getPath(dir))) {
                classes = files.filter(f -> f.toString().endsWith(".class")).toList();
            }
            for (Path f : classes) {
                byte[] bytes = Files.readAllBytes(f);
                for (int[] code : ClassLayout.codeRanges(bytes, ExitCallRewriter.Pool.read(bytes))) {
                    Bytecode.forEachInstruction(bytes, code[0], code[1], (at, op) -> opcodes[op]++);
                    methods++;
                }
            }
        }
        assertThat(methods).isGreaterThan(10_000);
        // the walk met the variable-length instructions, so their lengths were exercised
        assertThat(opcodes[0xaa]).as("tableswitch").isPositive();
        assertThat(opcodes[0xab]).as("lookupswitch").isPositive();
        assertThat(opcodes[0xba]).as("invokedynamic").isPositive();
        assertThat(opcodes[0xb9]).as("invokeinterface").isPositive();
    }
}
