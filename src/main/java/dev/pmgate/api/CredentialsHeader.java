package dev.pmgate.api;

/** Names of the two caller headers the pipeline consumes. */
public final class CredentialsHeader {

    public static final String NAME = "X-Exchange-Credentials";
    public static final String API_KEY = "X-API-Key";

    private CredentialsHeader() {}
}
