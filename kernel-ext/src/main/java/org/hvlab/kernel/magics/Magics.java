package org.hvlab.kernel.magics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hvlab.kernel.KernelException;
import org.hvlab.kernel.execution.CellResult;

/**
 * The magic registry and the cell grammar: a first line {@code %%name args} makes the rest of the cell that magic's
 * body; otherwise each line starting with {@code %name args} is a line magic run in its place between the code
 * around it.
 */
public final class Magics {
    /** A line magic; returns a value to show (or null). */
    @FunctionalInterface
    public interface LineMagic {
        Object run(String args, MagicContext ctx) throws Exception;
    }

    /** A cell magic over the rest of the cell. */
    @FunctionalInterface
    public interface CellMagic {
        CellResult run(String args, String body, MagicContext ctx) throws Exception;
    }

    private final Map<String, LineMagic> line = new TreeMap<>();
    private final Map<String, CellMagic> cell = new TreeMap<>();

    /** A registry with the built-in magics. */
    public static Magics withBuiltins() {
        Magics m = new Magics();
        BuiltinMagics.register(m);
        return m;
    }

    public void registerLine(String name, LineMagic magic) {
        line.put(name, magic);
    }

    public void registerCell(String name, CellMagic magic) {
        cell.put(name, magic);
    }

    public List<String> lineNames() {
        return List.copyOf(line.keySet());
    }

    public List<String> cellNames() {
        return List.copyOf(cell.keySet());
    }

    /** One piece of a cell: code, or a line magic call. */
    public record Part(boolean magic, String name, String text) {}

    /** Whether the cell is one cell magic; its name, args and body. */
    public static Optional<String[]> cellMagic(String code) {
        String stripped = code.stripLeading();
        if (!stripped.startsWith("%%")) return Optional.empty();
        int nl = stripped.indexOf('\n');
        String first = nl < 0 ? stripped.substring(2) : stripped.substring(2, nl);
        // the body keeps one empty line for each line before it (leading blank lines, the magic line), so that
        // "cell line N" in its errors counts from the top of the cell as the user sees it
        String before = code.substring(0, code.length() - stripped.length());
        String body = nl < 0 ? "" : "\n".repeat((int) before.chars().filter(c -> c == '\n').count() + 1)
                + stripped.substring(nl + 1);
        String[] nameArgs = first.strip().split("\\s+", 2);
        return Optional.of(new String[] {nameArgs[0], nameArgs.length > 1 ? nameArgs[1] : "", body});
    }

    /** Splits a cell into code and line-magic parts, in order (code keeps blank lines so line numbers hold). */
    public static List<Part> parts(String code) {
        List<Part> out = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String s = lines[i].strip();
            if (s.startsWith("%") && !s.startsWith("%%")) {
                if (!chunk.toString().isBlank()) out.add(new Part(false, "", chunk.toString()));
                chunk.setLength(0);
                String[] nameArgs = s.substring(1).split("\\s+", 2);
                out.add(new Part(true, nameArgs[0], nameArgs.length > 1 ? nameArgs[1] : ""));
                chunk.append("\n".repeat(i + 1));
            } else {
                chunk.append(lines[i]);
                if (i < lines.length - 1) chunk.append('\n');
            }
        }
        if (!chunk.toString().isBlank()) out.add(new Part(false, "", chunk.toString()));
        return out;
    }

    public LineMagic line(String name) {
        LineMagic m = line.get(name);
        if (m == null) throw unknown("%" + name, lineNames());
        return m;
    }

    public CellMagic cell(String name) {
        CellMagic m = cell.get(name);
        if (m == null) throw unknown("%%" + name, cellNames());
        return m;
    }

    private static KernelException unknown(String name, List<String> known) {
        return new KernelException(KernelException.Reason.MAGIC, "there is no magic " + name,
                "the kernel knows " + known, "Run %lsmagic to list them");
    }
}
