package org.hvlab.bmc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.server.handlers.form.MultiPartParserDefinition;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP side of the Redfish service on Undertow: authentication (Basic with a cache of verified values, or
 * {@code X-Auth-Token}), the common headers ({@code OData-Version}, {@code ETag}), Redfish error bodies, and
 * dispatch to {@link RedfishService}. GETs run on the I/O thread; requests with a body run on a worker thread.
 */
public final class RedfishHandler implements HttpHandler {
    private static final HttpString ODATA_VERSION = new HttpString("OData-Version");
    private static final HttpString X_AUTH_TOKEN = new HttpString("X-Auth-Token");
    private static final String JSON = "application/json; charset=utf-8";
    /** The largest JSON request body (a Redfish PATCH or action is a few hundred bytes). */
    static final long JSON_LIMIT = 1 << 20;

    private final RedfishService service;
    private final Path staging;

    public RedfishHandler(RedfishService service, Path staging) {
        this.service = service;
        this.staging = staging;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        String path = normalise(ex.getRequestPath());
        HttpString method = ex.getRequestMethod();
        ex.setMaxEntitySize(path.equals(Resources.PUSH_URI) ? service.pushLimitBytes() : JSON_LIMIT);
        if (!Methods.GET.equals(method) && !Methods.HEAD.equals(method) && ex.isInIoThread()) {
            ex.dispatch(this);
            return;
        }
        String odata = ex.getRequestHeaders().getFirst(ODATA_VERSION);
        if (path.equals(ODataDocuments.METADATA) && (Methods.GET.equals(method) || Methods.HEAD.equals(method))
                && (odata == null || odata.trim().equals("4.0"))) {
            sendXml(ex, ODataDocuments.metadata());
            return;
        }
        Reply reply;
        try {
            reply = route(ex, path, method);
        } catch (RedfishError e) {
            reply = errorReply(e);
        } catch (RequestTooBigException | MultiPartParserDefinition.FileTooLargeException e) {
            reply = errorReply(RedfishError.payloadTooLarge(path.equals(Resources.PUSH_URI)
                    ? service.pushLimitBytes() : JSON_LIMIT));
        } catch (IOException e) {
            reply = errorReply(RedfishError.unreadableBody(String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            reply = errorReply(RedfishError.internal(e));
        }
        if (ex.isResponseStarted()) {
            ex.endExchange();
            return;
        }
        send(ex, reply);
    }

    private static Reply errorReply(RedfishError e) {
        return new Reply(e.status(), e.body(), e.status() == 401
                ? Map.of("WWW-Authenticate", "Basic realm=\"hvlab BMC\"") : e.headers());
    }

    private Reply route(HttpServerExchange ex, String path, HttpString method) throws IOException {
        String odata = ex.getRequestHeaders().getFirst(ODATA_VERSION);
        if (odata != null && !odata.trim().equals("4.0")) throw RedfishError.odataVersion(odata);
        boolean read = Methods.GET.equals(method) || Methods.HEAD.equals(method);
        if (path.equals("/redfish")) {
            if (!read) throw RedfishError.methodNotAllowed(method.toString(), path, List.of("GET", "HEAD"));
            return Reply.ok(Resources.redfishVersions());
        }
        if (!path.equals(Resources.V1) && !path.startsWith(Resources.V1 + "/")) throw RedfishError.notFound(path);
        boolean open = path.equals(Resources.V1) || path.equals(ODataDocuments.SERVICE)
                || path.equals(ODataDocuments.METADATA);
        if (read) {
            if (!open) authenticate(ex);
            if (path.equals(ODataDocuments.SERVICE)) return Reply.ok(ODataDocuments.service());
            List<String> seg = RedfishService.segments(path);
            if (seg.size() == 3 && seg.get(0).equals("TaskService") && seg.get(1).equals("TaskMonitors")) {
                return service.monitor(seg.get(2)).orElseThrow(() -> RedfishError.notFound(path));
            }
            JsonNode body = service.read(path)
                    .orElseThrow(() -> service.notAllowedOrMissing(path, method.toString()));
            return Reply.ok(body);
        }
        if (open && !path.equals(Resources.V1)) {
            throw RedfishError.methodNotAllowed(method.toString(), path, List.of("GET", "HEAD"));
        }
        ex.startBlocking();
        boolean login = path.equals(Resources.V1 + "/SessionService/Sessions") && Methods.POST.equals(method);
        Principal who = login ? null : authenticate(ex);
        boolean push = Methods.POST.equals(method) && path.equals(Resources.PUSH_URI);
        String type = ex.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (push && (type == null || !mediaType(type).equals("multipart/form-data"))) {
            throw RedfishError.unsupportedMediaType(String.valueOf(type), "multipart/form-data with parts "
                    + "UpdateParameters and UpdateFile");
        }
        if ((Methods.POST.equals(method) || Methods.PATCH.equals(method)) && !push && type != null
                && !mediaType(type).equals("application/json")) {
            throw RedfishError.unsupportedMediaType(type, "application/json");
        }
        if (push) return push(ex, who);
        byte[] body = ex.getInputStream().readAllBytes();
        if (Methods.POST.equals(method)) return service.post(path, who, body);
        if (Methods.PATCH.equals(method)) {
            return service.patch(path, who, body, ex.getRequestHeaders().getFirst(Headers.IF_MATCH));
        }
        if (Methods.DELETE.equals(method)) return service.delete(path, who);
        throw service.notAllowedOrMissing(path, method.toString());
    }

    private Reply push(HttpServerExchange ex, Principal who) throws IOException {
        who.require(org.hvlab.bmc.Role.Privilege.CONFIGURE_COMPONENTS);
        long declared = ex.getRequestContentLength();
        if (declared > service.pushLimitBytes()) throw RedfishError.payloadTooLarge(service.pushLimitBytes());
        MultiPartParserDefinition mp = new MultiPartParserDefinition(staging);
        mp.setFileSizeThreshold(0);
        mp.setMaxIndividualFileSize(service.pushLimitBytes());
        FormParserFactory factory = FormParserFactory.builder(false).addParsers(mp).build();
        try (FormDataParser parser = factory.createParser(ex)) {
            if (parser == null) {
                throw RedfishError.unsupportedMediaType("without a boundary", "multipart/form-data with parts "
                        + "UpdateParameters and UpdateFile");
            }
            FormData form = parser.parseBlocking();
            FormData.FormValue params = form.getFirst("UpdateParameters");
            FormData.FormValue file = form.getFirst("UpdateFile");
            if (params == null) throw RedfishError.propertyMissing("UpdateParameters");
            if (file == null || !file.isFileItem()) throw RedfishError.propertyMissing("UpdateFile");
            byte[] p = params.isFileItem() ? Files.readAllBytes(params.getFileItem().getFile())
                    : params.getValue().getBytes(StandardCharsets.UTF_8);
            Path kept = Files.createTempFile(staging, "push-", ".cap");
            Files.move(file.getFileItem().getFile(), kept, StandardCopyOption.REPLACE_EXISTING);
            try {
                return service.push(who, p, kept);
            } catch (RuntimeException e) {
                Files.deleteIfExists(kept);
                throw e;
            }
        }
    }

    /** {@code type/subtype} of a Content-Type value, lower case, without parameters. */
    private static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    private Principal authenticate(HttpServerExchange ex) {
        HeaderMap h = ex.getRequestHeaders();
        String token = h.getFirst(X_AUTH_TOKEN);
        if (token != null) {
            Sessions.Session s = service.sessions().use(token).orElseThrow(RedfishError::unauthorized);
            return new Principal(s.account(), Optional.of(s));
        }
        String auth = h.getFirst(Headers.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            return service.accounts().verifyBasic(auth).map(a -> new Principal(a, Optional.empty()))
                    .orElseThrow(RedfishError::unauthorized);
        }
        throw RedfishError.unauthorized();
    }

    private static void sendXml(HttpServerExchange ex, byte[] xml) {
        HeaderMap h = ex.getResponseHeaders();
        h.put(ODATA_VERSION, "4.0");
        h.put(Headers.CONTENT_TYPE, "application/xml; charset=utf-8");
        if (Methods.HEAD.equals(ex.getRequestMethod())) {
            h.put(Headers.CONTENT_LENGTH, xml.length);
            ex.endExchange();
            return;
        }
        ex.getResponseSender().send(ByteBuffer.wrap(xml));
    }

    private static void send(HttpServerExchange ex, Reply r) {
        ex.setStatusCode(r.status());
        HeaderMap h = ex.getResponseHeaders();
        h.put(ODATA_VERSION, "4.0");
        h.put(Headers.CACHE_CONTROL, "no-cache");
        r.headers().forEach((k, v) -> h.put(new HttpString(k), v));
        if (r.body() == null) {
            ex.endExchange();
            return;
        }
        byte[] bytes = Json.bytes(r.body());
        h.put(Headers.CONTENT_TYPE, JSON);
        if (r.status() == 200 && !h.contains(Headers.ETAG)) h.put(Headers.ETAG, RedfishService.etag(bytes));
        if (Methods.HEAD.equals(ex.getRequestMethod())) {
            h.put(Headers.CONTENT_LENGTH, bytes.length);
            ex.endExchange();
            return;
        }
        ex.getResponseSender().send(ByteBuffer.wrap(bytes));
    }

    private static String normalise(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p;
    }
}
