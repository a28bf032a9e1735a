package org.hvlab.kernel.execution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inputs (and text outputs) of the cells run in this kernel, answering history requests: tail, range and
 * search (a glob pattern as IPython takes it, with {@code unique} and {@code n}).
 */
public final class History {
    /** One history entry: session number, line (execution count), input and text/plain output (may be null). */
    public record Entry(int session, int line, String input, String output) {}

    private final int session;
    private final List<Entry> entries = new ArrayList<>();

    public History(int session) {
        this.session = session;
    }

    public int session() {
        return session;
    }

    public synchronized void add(int line, String input) {
        entries.add(new Entry(session, line, input, null));
    }

    /** Records the text output of the latest entry with that line. */
    public synchronized void output(int line, String text) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (e.line() == line) {
                entries.set(i, new Entry(e.session(), e.line(), e.input(), text));
                return;
            }
        }
    }

    /** The last {@code n} entries. */
    public synchronized List<Entry> tail(int n) {
        return List.copyOf(entries.subList(Math.max(0, entries.size() - Math.max(0, n)), entries.size()));
    }

    /** Entries of a session with line in [start, stop); stop 0 or less means to the end. */
    public synchronized List<Entry> range(int session, int start, int stop) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if ((session == 0 || e.session() == session) && e.line() >= start && (stop <= 0 || e.line() < stop)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Entries whose input matches the glob ({@code *} any text, {@code ?} one character); last {@code n} kept. */
    public synchronized List<Entry> search(String glob, boolean unique, int n) {
        Pattern p = Pattern.compile(globToRegex(glob), Pattern.DOTALL);
        List<Entry> hits = new ArrayList<>();
        for (Entry e : entries) if (p.matcher(e.input()).matches()) hits.add(e);
        if (unique) {
            Map<String, Entry> last = new LinkedHashMap<>();
            for (Entry e : hits) {
                last.remove(e.input());
                last.put(e.input(), e);
            }
            hits = new ArrayList<>(last.values());
        }
        if (n > 0 && hits.size() > n) hits = hits.subList(hits.size() - n, hits.size());
        return List.copyOf(hits);
    }

    static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }
}
