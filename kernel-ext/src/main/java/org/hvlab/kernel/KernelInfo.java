package org.hvlab.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hvlab.kernel.wire.Json;
import org.hvlab.kernel.wire.Message;

/** The kernel_info_reply content: protocol 5.3, language java (file extension .jshell), with status ok. */
public final class KernelInfo {
    public static final String IMPLEMENTATION = "hvlab";
    public static final String VERSION = "0.1.0";

    private final ObjectNode content;

    public KernelInfo() {
        ObjectNode c = Json.object();
        c.put("status", "ok");
        c.put("protocol_version", Message.PROTOCOL_VERSION);
        c.put("implementation", IMPLEMENTATION);
        c.put("implementation_version", VERSION);
        ObjectNode li = c.putObject("language_info");
        li.put("name", "java");
        li.put("version", Runtime.version().toString());
        li.put("mimetype", "text/x-java-source");
        li.put("file_extension", ".jshell");
        li.put("pygments_lexer", "java");
        li.put("codemirror_mode", "text/x-java");
        c.put("banner", "hvlab kernel " + VERSION + ": JShell (local engine) on Java " + Runtime.version()
                + ", commit " + System.getProperty("hvlab.commit", "unknown"));
        c.put("debugger", false);
        ObjectNode link = c.putArray("help_links").addObject();
        link.put("text", "JShell API");
        link.put("url", "https://docs.oracle.com/en/java/javase/17/docs/api/jdk.jshell/module-summary.html");
        this.content = c;
    }

    public ObjectNode content() {
        return content.deepCopy();
    }
}
