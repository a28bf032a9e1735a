package org.hvlab.kernel.execution;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jdk.jshell.SourceCodeAnalysis;

/**
 * is_complete, completion and inspection on top of JShell's {@link SourceCodeAnalysis}.
 *
 * <p>is_complete walks the cell snippet by snippet: JShell's {@code UNKNOWN} (code that cannot become valid by
 * adding more, such as {@code int x = );}, a stray {@code }} or an unterminated string literal) is "invalid",
 * definitely or probably incomplete code is "incomplete". Inspection also works with the cursor at the end of an
 * identifier ({@code System.out.println|}), where JShell alone finds nothing.
 */
public final class CodeAnalysis {
    private final SourceCodeAnalysis sca;

    CodeAnalysis(SourceCodeAnalysis sca) {
        this.sca = sca;
    }

    /** The is_complete answer for a cell. */
    public record Completeness(String status, String indent) {}

    public CodeAnalysis.Completeness isComplete(String cell) {
        String rest = stripMagics(cell);
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(rest);
            SourceCodeAnalysis.Completeness c = ci.completeness();
            if (c == SourceCodeAnalysis.Completeness.UNKNOWN) return new CodeAnalysis.Completeness("invalid", "");
            if (c == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
                    || c == SourceCodeAnalysis.Completeness.CONSIDERED_INCOMPLETE) {
                return new CodeAnalysis.Completeness("incomplete", indent(rest));
            }
            if (c == SourceCodeAnalysis.Completeness.EMPTY) break;
            if (ci.remaining().length() >= rest.length()) break;
            rest = ci.remaining();
        }
        return new CodeAnalysis.Completeness("complete", "");
    }

    private static String stripMagics(String cell) {
        StringBuilder sb = new StringBuilder();
        for (String line : cell.split("\n", -1)) {
            if (!line.stripLeading().startsWith("%")) sb.append(line);
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String indent(String code) {
        int depth = 0;
        for (char ch : code.toCharArray()) {
            if (ch == '{' || ch == '(') depth++;
            if (ch == '}' || ch == ')') depth = Math.max(0, depth - 1);
        }
        return "    ".repeat(Math.max(1, Math.min(depth, 8)));
    }

    /** Completion matches and the range of the cell they replace. */
    public record Completion(List<String> matches, int start, int end) {}

    public Completion complete(String code, int cursor) {
        int[] anchor = new int[1];
        Set<String> matches = new LinkedHashSet<>();
        List<SourceCodeAnalysis.Suggestion> suggestions = sca.completionSuggestions(code, cursor, anchor);
        for (SourceCodeAnalysis.Suggestion s : suggestions) if (s.matchesType()) matches.add(s.continuation());
        for (SourceCodeAnalysis.Suggestion s : suggestions) matches.add(s.continuation());
        return new Completion(new ArrayList<>(matches), suggestions.isEmpty() ? cursor : anchor[0], cursor);
    }

    /** Signatures (and javadoc where the JDK has sources) for the name at or just before the cursor. */
    public Optional<String> inspect(String code, int cursor) {
        List<SourceCodeAnalysis.Documentation> docs = sca.documentation(code, cursor, true);
        if (docs.isEmpty()) {
            int end = identifierEnd(code, cursor);
            String called = code.substring(0, end) + "(" + code.substring(end);
            docs = sca.documentation(called, end + 1, true);
        }
        if (docs.isEmpty()) {
            int[] anchor = new int[1];
            int end = identifierEnd(code, cursor);
            List<String> names = sca.completionSuggestions(code, end, anchor).stream()
                    .map(SourceCodeAnalysis.Suggestion::continuation).distinct().toList();
            if (!names.isEmpty()) {
                String name = names.get(0);
                if (name.indexOf('(') >= 0) name = name.substring(0, name.indexOf('(')); // "length()", "abs("
                String called = code.substring(0, anchor[0]) + name + "(" + code.substring(end);
                docs = sca.documentation(called, anchor[0] + name.length() + 1, true);
                if (docs.isEmpty()) {
                    String plain = code.substring(0, anchor[0]) + name + code.substring(end);
                    docs = sca.documentation(plain, anchor[0] + name.length(), true);
                }
            }
        }
        if (docs.isEmpty()) return Optional.empty();
        StringBuilder sb = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            sb.append(d.signature()).append('\n');
            if (d.javadoc() != null && !d.javadoc().isBlank()) sb.append(d.javadoc().strip()).append("\n\n");
        }
        return Optional.of(sb.toString().strip());
    }

    private static int identifierEnd(String code, int cursor) {
        int end = Math.min(cursor, code.length());
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
        return end;
    }
}
