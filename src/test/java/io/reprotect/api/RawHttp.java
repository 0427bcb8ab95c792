package io.reprotect.api;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Sends bytes exactly as given over one HTTP/1.1 connection, for requests no client library would send. */
final class RawHttp {

    /** What came back: status 0 when the server closed the connection without an answer, reset when it reset it. */
    record Answer(int status, String head, String body, boolean reset) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private static final int PIECE = 4096;
    private static final Executor READER = runnable -> {
        Thread thread = new Thread(runnable, "raw-http-reader");
        thread.setDaemon(true);
        thread.start();
    };

    private RawHttp() {
    }

    /**
     * Sends the request while a second thread reads the answer, and stops writing once the server has answered.
     * A server that refuses a request it has not read to the end closes the connection; the bytes still in flight
     * then make its kernel reset the connection, and a reset can discard an answer the client has not read yet.
     * Reading while writing takes the answer before that, and one new attempt covers the rare reset that still
     * comes first: an answer lost in transit is the network's doing, a server that never answers fails every try.
     */
    static Answer send(byte[] request) throws IOException {
        Answer answer = sendOnce(request);
        for (int attempt = 1; answer.status() == 0 && answer.reset() && attempt < 3; attempt++) {
            answer = sendOnce(request);
        }
        return answer;
    }

    private static Answer sendOnce(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            CompletableFuture<Read> reading = CompletableFuture.supplyAsync(() -> readAll(in), READER);
            OutputStream out = socket.getOutputStream();
            try {
                for (int at = 0; at < request.length && !reading.isDone(); at += PIECE) {
                    out.write(request, at, Math.min(PIECE, request.length - at));
                    out.flush();
                }
            } catch (IOException closedEarly) {
                // the server answered and closed before reading everything: what it said is being read
            }
            Read read = reading.join();
            return parse(read.bytes(), read.reset());
        }
    }

    static byte[] request(String head, byte[] body) {
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    private record Read(byte[] bytes, boolean reset) {
    }

    private static Read readAll(InputStream in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0;) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException keptAlive) {
            // keep-alive connection left open after the answer
        } catch (IOException reset) {
            return new Read(bytes.toByteArray(), true);
        }
        return new Read(bytes.toByteArray(), false);
    }

    private static Answer parse(byte[] raw, boolean reset) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            return new Answer(0, text, "", reset);
        }
        String head = text.substring(0, end);
        String body = text.substring(end + 4);
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = unchunk(body);
        }
        return new Answer(Integer.parseInt(head.substring(9, 12)), head, body, reset);
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
