package org.hvlab.kernel.execution;

import java.lang.reflect.Field;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's local execution engine (snippets run in this JVM, in a thread per cell that {@code JShell.stop()} can
 * stop) with three additions: class files are passed through {@link ExitCallRewriter} before loading, variable
 * values are kept as objects (not only strings) so the kernel can render them, and the original exception of a
 * failed cell is kept so the kernel can render it by type.
 */
public final class CellExecutionControl extends LocalExecutionControl {
    private volatile Object lastValue;
    private volatile Throwable lastThrowable;
    private volatile String lastLoaded;

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException,
            EngineTerminationException {
        ClassBytecodes[] rewritten = new ClassBytecodes[cbcs.length];
        for (int i = 0; i < cbcs.length; i++) {
            rewritten[i] = new ClassBytecodes(cbcs[i].name(), ExitCallRewriter.rewrite(cbcs[i].bytecodes()));
        }
        super.load(rewritten);
        if (cbcs.length > 0) lastLoaded = cbcs[cbcs.length - 1].name();
    }

    /** The class loader of snippet classes (it also holds jars added at run time), once a snippet was loaded. */
    ClassLoader snippetLoader() {
        String name = lastLoaded;
        if (name == null) return null;
        try {
            return findClass(name).getClassLoader();
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** Reads the variable as an object; the string JShell gets back is empty (the kernel renders the object). */
    @Override
    public String varValue(String className, String varName) throws InternalException {
        try {
            Class<?> klass = findClass(className);
            Field f = klass.getDeclaredField(varName);
            f.setAccessible(true);
            lastValue = f.get(null);
            return "";
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new InternalException("cannot read " + className + "." + varName + ": " + e);
        }
    }

    @Override
    protected String throwConvertedInvocationException(Throwable cause) throws RunException, InternalException {
        lastThrowable = cause;
        return super.throwConvertedInvocationException(cause);
    }

    /** The object read by the last {@code varValue} call, then forgotten. */
    Object takeValue() {
        Object v = lastValue;
        lastValue = null;
        return v;
    }

    /** The exception of the last failed invocation, then forgotten (null if none). */
    Throwable takeThrowable() {
        Throwable t = lastThrowable;
        lastThrowable = null;
        return t;
    }

    /** Makes the control for a JShell built with {@code executionEngine(provider, Map.of())}. */
    static final class Provider implements ExecutionControlProvider {
        private CellExecutionControl created;

        @Override
        public String name() {
            return "hvlab-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            created = new CellExecutionControl();
            return created;
        }

        CellExecutionControl created() {
            return created;
        }
    }
}
