package io.portcullis.application.gateway.service;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON-RPC 2.0 messages of the aggregated server, as plain values. */
final class JsonRpc {
    private JsonRpc() {
    }

    static Map<String, Object> result(Object id, Object result) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", id);
        message.put("result", result);
        return message;
    }

    static Map<String, Object> error(Object id, int code, String text) {
        return error(id, code, text, null);
    }

    static Map<String, Object> error(Object id, int code, String text, Object data) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", text);
        if (data != null) {
            error.put("data", data);
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", id);
        message.put("error", error);
        return message;
    }
}
