package org.hvlab.kernel.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hvlab.kernel.KernelException;

/** The connection file a Jupyter client writes for a kernel: transport, address, ports, key and scheme. */
public record ConnectionInfo(String transport, String ip, int shellPort, int controlPort, int stdinPort,
                             int iopubPort, int hbPort, String key, String signatureScheme) {

    /** Reads a connection file as Jupyter writes it. */
    public static ConnectionInfo read(Path file) {
        try {
            JsonNode n = Json.MAPPER.readTree(Files.readString(file));
            return new ConnectionInfo(n.path("transport").asText("tcp"), n.path("ip").asText("127.0.0.1"),
                    n.path("shell_port").asInt(), n.path("control_port").asInt(), n.path("stdin_port").asInt(),
                    n.path("iopub_port").asInt(), n.path("hb_port").asInt(), n.path("key").asText(""),
                    n.path("signature_scheme").asText("hmac-sha256"));
        } catch (IOException e) {
            throw new KernelException(KernelException.Reason.CONNECTION_FILE,
                    "cannot read the connection file " + file, e.getMessage(),
                    "Start the kernel from Jupyter (it writes the file) or pass a readable JSON file", e);
        }
    }

    /** The ZeroMQ endpoint of one port, e.g. {@code tcp://127.0.0.1:5555}. */
    public String endpoint(int port) {
        return transport + "://" + ip + (transport.equals("ipc") ? "-" : ":") + port;
    }
}
