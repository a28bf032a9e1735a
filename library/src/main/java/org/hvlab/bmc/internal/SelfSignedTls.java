package org.hvlab.bmc.internal;

import org.hvlab.bmc.BmcException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 made at start with the JDK's {@code keytool} (EC P-256, 30 days), and
 * the two SSL contexts built from it: the server's, and a client's that trusts exactly that certificate.
 */
public final class SelfSignedTls {
    private final SSLContext server;
    private final SSLContext client;
    private final Path keyStore;

    private SelfSignedTls(SSLContext server, SSLContext client, Path keyStore) {
        this.server = server;
        this.client = client;
        this.keyStore = keyStore;
    }

    public SSLContext server() { return server; }

    public SSLContext client() { return client; }

    /** The PKCS#12 file holding the key and certificate. */
    public Path keyStore() { return keyStore; }

    public static SelfSignedTls generate(Path dir) {
        byte[] pw = new byte[12];
        new SecureRandom().nextBytes(pw);
        char[] pass = HexFormat.of().formatHex(pw).toCharArray();
        Path ks = dir.resolve("bmc-tls.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = List.of(keytool.toString(), "-genkeypair", "-alias", "bmc", "-keyalg", "EC", "-groupname",
                "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=127.0.0.1, O=hvlab BMC", "-ext",
                "SAN=ip:127.0.0.1,dns:localhost", "-validity", "30", "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", new String(pass), "-keypass", new String(pass));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool failed: " + out.strip());
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(ks)) {
                store.load(in, pass);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, pass);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, null);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("bmc", store.getCertificate("bmc"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
            return new SelfSignedTls(server, client, ks);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new BmcException(BmcException.Reason.TLS_SETUP, "could not make the BMC's self-signed certificate",
                    e.getMessage(), "Check that " + keytool + " runs, or start the BMC without https()", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BmcException(BmcException.Reason.TLS_SETUP, "interrupted while making the certificate", "",
                    "Start the BMC again", e);
        }
    }
}
