package dev.pmgate.api;

/** 501 not_supported, throwable from a route by class name. */
public class NotSupportedException extends GatewayException {

    public NotSupportedException(String message) {
        super(ErrorCode.NOT_SUPPORTED, message);
    }
}
