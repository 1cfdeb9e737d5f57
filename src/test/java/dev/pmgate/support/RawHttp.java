package dev.pmgate.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte: no client-side validation or normalisation of the
 * request line, path or header values (bare CR, obs-text, encoded dots and slashes reach the server
 * as written). One request per connection; every response is kept for canary scans.
 */
public final class RawHttp {

    private RawHttp() {}

    public record Response(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            return asHttpCall().json();
        }

        /** First value of a header, by case-insensitive name. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public HttpCall.Response asHttpCall() {
            Map<String, java.util.List<String>> multi = new LinkedHashMap<>();
            headers.forEach((k, v) -> multi.put(k, java.util.List.of(v)));
            return new HttpCall.Response(status, multi, body);
        }
    }

    /**
     * Sends {@code method target} with the given headers (names and values written as ISO-8859-1
     * bytes, exactly as given) and an optional UTF-8 body.
     */
    public static Response send(int port, String method, String target, Map<String, String> headers, String body) {
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:")
                .append(port)
                .append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Type: application/json\r\n");
        }
        if (body != null || method.equals("POST")) {
            head.append("Content-Length: ").append(payload.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(payload);
        return send(port, request.toByteArray());
    }

    /** Sends raw bytes and reads the whole answer (the server closes the connection). */
    public static Response send(int port, byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            Response response = parse(all);
            Outputs.record("RAW HTTP " + response.status() + " " + response.headers() + " " + response.body());
            return response;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response parse(byte[] all) {
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no complete HTTP response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            rest = dechunk(rest);
        }
        return new Response(status, headers, new String(rest, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < data.length) {
            int lineEnd = indexOf(data, pos);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(data, pos, lineEnd - pos, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            out.write(data, lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i + 1 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
