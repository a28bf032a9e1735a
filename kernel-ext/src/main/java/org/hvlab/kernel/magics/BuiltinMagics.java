package org.hvlab.kernel.magics;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hvlab.kernel.KernelException;
import org.hvlab.kernel.execution.CellResult;
import org.hvlab.kernel.execution.JShellSession;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The built-in magics; each is a small method registered by name. */
final class BuiltinMagics {
    private BuiltinMagics() {}

    static void register(Magics m) {
        m.registerLine("classpath", BuiltinMagics::classpath);
        m.registerLine("jars", (args, ctx) -> added(ctx.addToClassPath(glob(args, ctx.workingDirectory()))));
        m.registerLine("maven", (args, ctx) -> maven(args, ctx));
        m.registerLine("load", BuiltinMagics::load);
        m.registerLine("lsmagic", (args, ctx) -> "line magics: %" + String.join(" %", m.lineNames())
                + "\ncell magics: %%" + String.join(" %%", m.cellNames()));
        m.registerLine("vars", (args, ctx) -> vars(ctx.session()));
        m.registerLine("close", (args, ctx) -> {
            List<String> closed = ctx.session().closeResources();
            return closed.isEmpty() ? "nothing to close" : "closed " + String.join(", ", closed);
        });
        m.registerLine("time", (args, ctx) -> {
            CellResult r = timed(args, ctx);
            if (r instanceof CellResult.Failed f) throw new CellFailure(f);
            return ((CellResult.Ok) r).hasValue() ? ((CellResult.Ok) r).value() : null;
        });
        m.registerCell("time", (args, body, ctx) -> timed(body, ctx));
    }

    private static CellResult timed(String code, MagicContext ctx) {
        long t0 = System.nanoTime();
        CellResult r = ctx.run(code);
        long ns = System.nanoTime() - t0;
        ctx.output().stream("stdout", String.format("Wall time: %.1f ms%n", ns / 1e6));
        return r;
    }

    private static Object classpath(String args, MagicContext ctx) {
        if (args.isBlank()) return String.join("\n", ctx.session().classPath());
        List<Path> entries = new ArrayList<>();
        for (String a : args.trim().split("[\\s" + java.io.File.pathSeparator + "]+")) {
            entries.addAll(glob(a, ctx.workingDirectory()));
        }
        return added(ctx.addToClassPath(entries));
    }

    private static String added(List<String> entries) {
        return entries.isEmpty() ? "class path unchanged (already there)"
                : "added to the class path:\n  " + String.join("\n  ", entries);
    }

    private static Object maven(String args, MagicContext ctx) {
        if (args.isBlank()) {
            throw new KernelException(KernelException.Reason.MAGIC, "%maven needs coordinates",
                    "it resolves groupId:artifactId:version and its dependencies", "Write %maven g:a:v [g:a:v ...]");
        }
        MavenResolver.Resolution r = new MavenResolver().resolve(List.of(args.trim().split("\\s+")),
                ctx.session().classPath());
        for (String c : r.conflicts()) ctx.output().stream("stderr", "version conflict: " + c + "\n");
        return added(ctx.addToClassPath(r.jars()));
    }

    private static Object load(String args, MagicContext ctx) throws IOException {
        if (args.isBlank()) {
            throw new KernelException(KernelException.Reason.MAGIC, "%load needs a file", "it runs a .jsh file",
                    "Write %load path/to/file.jsh");
        }
        Path file = ctx.workingDirectory().resolve(args.strip());
        if (!Files.isRegularFile(file)) {
            throw new KernelException(KernelException.Reason.MAGIC, "%load: " + file + " is not a file",
                    "the path is relative to " + ctx.workingDirectory(), "Check the name, or give an absolute path");
        }
        CellResult r = ctx.run(Files.readString(file));
        if (r instanceof CellResult.Failed f) throw new CellFailure(f);
        return ((CellResult.Ok) r).hasValue() ? ((CellResult.Ok) r).value() : null;
    }

    static Table vars(JShellSession s) {
        StringColumn name = StringColumn.create("name");
        StringColumn type = StringColumn.create("type");
        StringColumn value = StringColumn.create("value");
        for (JShellSession.Variable v : s.variables()) {
            name.append(v.name());
            type.append(v.type());
            value.append(shortValue(v.value()));
        }
        return Table.create("variables", name, type, value);
    }

    static String shortValue(Object v) {
        String s;
        if (v instanceof Table t) {
            s = "Table " + t.name() + ": " + t.rowCount() + " rows x " + t.columnCount() + " columns";
        } else {
            try {
                s = String.valueOf(v);
            } catch (RuntimeException e) {
                s = "(toString threw " + e.getClass().getSimpleName() + ")";
            }
        }
        s = s.lines().findFirst().orElse("");
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /** Paths matching a glob such as {@code lib/*.jar}, or the path itself when it has no wildcard. */
    static List<Path> glob(String pattern, Path base) {
        List<Path> out = new ArrayList<>();
        for (String p : pattern.trim().split("\\s+")) {
            if (p.isEmpty()) continue;
            if (!p.contains("*") && !p.contains("?")) {
                Path path = base.resolve(p).normalize();
                if (!Files.exists(path)) throw missing(p, base);
                out.add(path);
                continue;
            }
            Path abs = base.resolve(p).normalize();
            Path dir = abs.getParent();
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + abs);
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(matcher::matches).sorted().forEach(out::add);
            } catch (IOException e) {
                throw missing(p, base);
            }
            if (out.isEmpty()) throw missing(p, base);
        }
        return out;
    }

    private static KernelException missing(String p, Path base) {
        return new KernelException(KernelException.Reason.CLASSPATH, "nothing matches " + p,
                "paths are relative to " + base, "Check the path or use an absolute one");
    }
}
