/**
 * Running cells in JShell with its local (in-process) execution engine: splitting a cell into snippets with
 * {@link jdk.jshell.SourceCodeAnalysis}, completion, inspection and is_complete, error reports that name the line
 * within the cell and keep only user frames, interrupting a runaway cell ({@code JShell.stop()}: {@code Thread.stop}
 * on JDK 17, woven stop checks on JDK 25), trapping {@code System.exit}, {@code Runtime.exit} and
 * {@code Runtime.halt} in cell code by rewriting the class files
 * JShell compiled, closing hvlab resources whose variables are redefined, and the history.
 *
 * <p>Shown in {@code notebooks/00-tour.ipynb}.
 */
package org.hvlab.kernel.execution;
