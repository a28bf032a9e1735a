package org.hvlab.kernel.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExitCallRewriterTest {
    static byte[] compile(Path dir, String name, String source) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        SimpleJavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"),
                javax.tools.JavaFileObject.Kind.SOURCE) {
            @Override public CharSequence getCharContent(boolean ignore) { return source; }
        };
        boolean ok = javac.getTask(null, null, null, List.of("-d", dir.toString()), null, List.of(file)).call();
        assertThat(ok).isTrue();
        return Files.readAllBytes(dir.resolve(name + ".class"));
    }

    static Class<?> define(String name, byte[] bytes) {
        return new ClassLoader(ExitCallRewriterTest.class.getClassLoader()) {
            Class<?> load() { return defineClass(name, bytes, 0, bytes.length); }
        }.load();
    }

    @Test
    void should_redirect_system_exit_to_the_trap_in_code_and_lambdas(@TempDir Path dir) throws Exception {
        byte[] original = compile(dir, "Quitter", "public class Quitter {"
                + " public static void direct() { System.exit(7); }"
                + " public static void lambda() { Runnable r = () -> System.exit(8); r.run(); }"
                + " public static void reference() { java.util.function.IntConsumer c = System::exit; c.accept(9); }"
                + " public static long other() { return System.nanoTime() > 0 ? 1 : 0; } }");
        byte[] rewritten = ExitCallRewriter.rewrite(original);
        assertThat(rewritten).isNotEqualTo(original);
        Class<?> c = define("Quitter", rewritten);
        for (String m : List.of("direct", "lambda", "reference")) {
            assertThatThrownBy(() -> {
                try {
                    c.getMethod(m).invoke(null);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }).isInstanceOf(ExitTrap.CellExit.class).hasMessageContaining("System.exit(");
        }
        assertThat(c.getMethod("other").invoke(null)).isEqualTo(1L);
    }

    @Test
    void should_redirect_runtime_exit_and_halt_in_code_lambdas_references_and_switches(@TempDir Path dir)
            throws Exception {
        // switches, wide locals and a wide iinc around the calls check that the instruction walk keeps its footing
        byte[] original = compile(dir, "Halter", "public class Halter {"
                + " public static int pick(int k) { switch (k) { case 1: return 10; case 2: return 20; case 3: return 30;"
                + "   default: break; } switch (k * 1000) { case 1000: return 1; case 900000: return 2; default: return 0; } }"
                + " public static void exit() { int s = pick(2); Runtime.getRuntime().exit(s); }"
                + " public static void halt() { long a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8,i=9,j=10,k=11,l=12,m=13,n=14,o=15,p=16,"
                + "   q=17,r=18,s=19,t=20,u=21,v=22,w=23,x=24,y=25,z=26,aa=27,bb=28,cc=29,dd=30,ee=31,ff=32,gg=33,hh=34,"
                + "   ii=35,jj=36,kk=37,ll=38,mm=39,nn=40,oo=41,pp=42,qq=43,rr=44,ss=45,tt=46,uu=47,vv=48,ww=49,xx=50,"
                + "   yy=51,zz=52,a1=53,b1=54,c1=55,d1=56,e1=57,f1=58,g1=59,h1=60,i1=61,j1=62,k1=63,l1=64,m1=65,n1=66,"
                + "   o1=67,p1=68,q1=69,r1=70,s1=71,t1=72,u1=73,v1=74,w1=75,x1=76,y1=77,z1=78,a2=79,b2=80,c2=81,d2=82,"
                + "   e2=83,f2=84,g2=85,h2=86,i2=87,j2=88,k2=89,l2=90,m2=91,n2=92,o2=93,p2=94,q2=95,r2=96,s2=97,t2=98,"
                + "   u2=99,v2=100,w2=101,x2=102,y2=103,z2=104,a3=105,b3=106,c3=107,d3=108,e3=109,f3=110,g3=111,h3=112,"
                + "   i3=113,j3=114,k3=115,l3=116,m3=117,n3=118,o3=119,p3=120,q3=121,r3=122,s3=123,t3=124,u3=125,v3=126,"
                + "   w3=127,x3=128,y3=129,z3=130; z3 += 1; Runtime.getRuntime().halt((int) (z3 - 128)); }"
                + " public static void bound() { java.util.function.IntConsumer c = Runtime.getRuntime()::exit; c.accept(4); }"
                + " public static void unbound() { java.util.function.ObjIntConsumer<Runtime> c = Runtime::halt;"
                + "   c.accept(Runtime.getRuntime(), 5); }"
                + " public static void lambda() { Runnable r = () -> Runtime.getRuntime().exit(6); r.run(); }"
                + " public static int after() { int w = 0; w += 1000; return pick(3) + pick(1000 / 1000) + w - 1000; } }");
        byte[] rewritten = ExitCallRewriter.rewrite(original);
        Class<?> c = define("Halter", rewritten);
        assertThat(failure(c, "exit")).isInstanceOf(ExitTrap.CellExit.class).hasMessageStartingWith("Runtime.exit(20)");
        assertThat(failure(c, "halt")).hasMessageStartingWith("Runtime.halt(3)");
        assertThat(failure(c, "bound")).hasMessageStartingWith("Runtime.exit(4)");
        assertThat(failure(c, "unbound")).hasMessageStartingWith("Runtime.halt(5)");
        assertThat(failure(c, "lambda")).hasMessageStartingWith("Runtime.exit(6)");
        assertThat(c.getMethod("after").invoke(null)).isEqualTo(40);
        // rewriting twice finds nothing more to do in the code (the pool still names Runtime.exit, unused)
        assertThat(define("Halter", ExitCallRewriter.rewrite(rewritten)).getMethod("after").invoke(null)).isEqualTo(40);
    }

    private static Throwable failure(Class<?> c, String method) {
        try {
            c.getMethod(method).invoke(null);
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError(method + " returned normally: the exit call was not redirected");
    }

    @Test
    void should_leave_a_class_without_exit_calls_unchanged(@TempDir Path dir) throws Exception {
        byte[] original = compile(dir, "Calm", "public class Calm { public static double f() { return Math.PI * 2L; } }");
        assertThat(ExitCallRewriter.rewrite(original)).isSameAs(original);
    }
}
