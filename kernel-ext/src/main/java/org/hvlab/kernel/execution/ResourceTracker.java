package org.hvlab.kernel.execution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

/**
 * Keeps re-run cells from leaking: remembers which variable holds an {@link AutoCloseable} hvlab object (a host
 * owning servers and threads) and closes the old object when the variable is redefined, reassigned or dropped and
 * no other variable still holds it; for a cell whose value is such an object (held only by a temporary {@code $N}),
 * running the same expression again closes the object the earlier run made.
 */
final class ResourceTracker {
    private final Function<VarSnippet, Object> reader;
    private final Consumer<String> log;
    private final Map<String, Object> held = new HashMap<>();
    private final Map<String, VarSnippet> snippets = new HashMap<>();
    /** Key prefix of objects held by temporaries ({@code $N}), by the expression that made them. */
    private static final String TEMP_KEY = "expression ";

    ResourceTracker(Function<VarSnippet, Object> reader, Consumer<String> log) {
        this.reader = reader;
        this.log = log;
    }

    static boolean isTracked(Object o) {
        return o instanceof AutoCloseable && o.getClass().getName().startsWith("org.hvlab.")
                && !o.getClass().getName().startsWith("org.hvlab.kernel.");
    }

    /** Looks at one eval's events: new or replaced variables, assignments and dropped snippets. */
    void afterEval(List<SnippetEvent> events) {
        for (SnippetEvent ev : events) {
            Snippet sn = ev.snippet();
            if (sn instanceof VarSnippet v) {
                if (ev.status() == Snippet.Status.VALID && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                    // a value-only cell such as Lab.host("x").build() gets a new $N each run: the same expression
                    // run again replaces the object the earlier run made, as a redefined variable does
                    Object value = reader.apply(v);
                    if (isTracked(value)) update(TEMP_KEY + v.source().strip(), value);
                } else if (ev.status() == Snippet.Status.VALID) {
                    snippets.put(v.name(), v);
                    update(v.name(), reader.apply(v));
                } else if (ev.status() == Snippet.Status.DROPPED && ev.causeSnippet() == null) {
                    snippets.remove(v.name());
                    update(v.name(), null);
                }
            } else if (sn instanceof ExpressionSnippet x && sn.subKind() == Snippet.SubKind.ASSIGNMENT_SUBKIND
                    && ev.status() == Snippet.Status.VALID && snippets.containsKey(x.name())) {
                update(x.name(), reader.apply(snippets.get(x.name())));
            }
        }
    }

    private void update(String name, Object value) {
        Object old = held.get(name);
        if (old == value) return;
        if (isTracked(value)) {
            held.put(name, value);
        } else {
            held.remove(name);
        }
        if (old != null && held.values().stream().noneMatch(o -> o == old)) close(name, old);
    }

    private void close(String name, Object o) {
        try {
            ((AutoCloseable) o).close();
            log.accept("closed the " + o.getClass().getSimpleName() + " that '" + name + "' held before\n");
        } catch (Exception | LinkageError e) {
            log.accept("closing the old value of '" + name + "' failed: " + e + "\n");
        }
    }

    /** Closes every tracked object the given variables hold; returns "name: Type" of each closed one. */
    List<String> closeAll(List<VarSnippet> variables) {
        Map<Object, String> seen = new IdentityHashMap<>();
        for (VarSnippet v : variables) {
            Object o;
            try {
                o = reader.apply(v);
            } catch (RuntimeException e) {
                continue;
            }
            if (isTracked(o)) seen.putIfAbsent(o, v.name());
        }
        for (Map.Entry<String, Object> e : held.entrySet()) seen.putIfAbsent(e.getValue(), e.getKey());
        List<String> closed = new ArrayList<>();
        for (Map.Entry<Object, String> e : seen.entrySet()) {
            try {
                ((AutoCloseable) e.getKey()).close();
                closed.add(e.getValue() + ": " + e.getKey().getClass().getSimpleName());
            } catch (Exception | LinkageError ex) {
                log.accept("closing '" + e.getValue() + "' failed: " + ex + "\n");
            }
        }
        held.clear();
        return closed;
    }
}
